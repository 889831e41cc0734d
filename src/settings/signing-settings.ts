// The signed-commit inputs as one SigningPolicy, checked together: `keys` needs allowed signers.
import { ConfigurationError } from '../model/errors.js';
import { hasAllowedSigners, parseAllowedSigners } from '../signing/allowed-signers.js';
import type { SigningPolicy, VerifyCommitsMode } from '../signing/signing-policy.js';
import { inputDefault } from './input-defaults.js';
import { parseBoolean, type InputReader } from './input-reader.js';
import { Inputs } from '../model/inputs-outputs.js';

export function readSigningPolicy(input: InputReader): SigningPolicy {
  const mode = parseVerifyMode(input(Inputs.VerifyCommits).trim() || inputDefault(Inputs.VerifyCommits));
  const allowedSigners = parseAllowedSigners(input(Inputs.AllowedSigners), Inputs.AllowedSigners);
  if (mode === 'keys' && !hasAllowedSigners(allowedSigners)) {
    throw new ConfigurationError(
      `Input '${Inputs.VerifyCommits}' is keys, but '${Inputs.AllowedSigners}' lists no key: give allowed_signers lines and/or armored OpenPGP public keys.`,
      Inputs.AllowedSigners,
    );
  }
  return {
    mode,
    allowedSigners,
    trustWebFlow: parseBoolean(input, Inputs.TrustGithubWebFlow),
    sinceLive: parseBoolean(input, Inputs.VerifyCommitsSinceLive),
  };
}

function parseVerifyMode(value: string): VerifyCommitsMode {
  if (value === 'off' || value === 'keys' || value === 'github') return value;
  throw new ConfigurationError(`Input '${Inputs.VerifyCommits}' must be off, keys or github; got '${value}'.`, Inputs.VerifyCommits);
}
