// What a failed `sops decrypt` tells the user, by sops' exit status. sops' own text is used only
// where it names keys and recipients; a MAC mismatch is described in our words, since sops' message
// prints the MAC it computed, a hash of the plaintext.
import { Inputs } from '../../model/inputs-outputs.js';
import type { SopsResult } from './sops-cli.js';
import { SopsExit } from './sops-cli.js';

/** The input that gives the key, as messages name it. */

const RE_ENCRYPT = 'encrypt it again with sops from its plain text (sops encrypt, or sops edit)';

export type SopsFailure = Exclude<SopsResult, { ok: true }>;

/** The message for a failure, completing "'<file>' …"; `recipients` are the file's public age recipients. */
export function failureMessage(failure: SopsFailure, recipients: readonly string[]): string {
  if (failure.missing)
    return `is encrypted with SOPS, but the sops CLI is not on PATH: add a step that installs sops before this one (README, "Secrets in Git with SOPS")`;
  if (failure.timedOut) return 'could not be decrypted: sops did not finish within 120s (a KMS key service that does not answer?)';
  switch (failure.exitCode) {
    case SopsExit.CouldNotRetrieveKey:
      return `cannot be decrypted with the age key in '${Inputs.SopsAgeKey}' (or SOPS_AGE_KEY / SOPS_AGE_KEY_FILE): it is not a key of the file's recipients${
        recipients.length > 0 ? ` (${recipients.join(', ')})` : ''
      }, and no other key of the file could be used${keyReasons(failure.stderr)}`;
    case SopsExit.MacMismatch:
      return `was changed after it was encrypted: its SOPS MAC does not match its values (a value, a plain field such as metadata, or their order was edited without sops, or the file was tampered with); ${RE_ENCRYPT}`;
    case SopsExit.MacNotFound:
      return `has no SOPS MAC (sops.mac is missing): it cannot be checked for tampering; ${RE_ENCRYPT}`;
    case SopsExit.ErrorDecryptingTree:
      return `has a value that cannot be decrypted: its ciphertext was changed after it was encrypted (tampered with, or edited without sops); ${RE_ENCRYPT}`;
    default:
      return `could not be decrypted by sops (exit ${String(failure.exitCode ?? 'unknown')}): ${firstMessageLine(failure.stderr) || 'no error message'}`;
  }
}

/** sops' reasons per key (`failed to load age identities …`), on one line. */
function keyReasons(stderr: string): string {
  const reasons = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('- |') || l.startsWith('|'))
    .map((l) => l.replace(/^-?\s*\|\s?/, ''))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
  return reasons ? `; sops says: ${reasons.slice(0, 600)}` : '';
}

function firstMessageLine(stderr: string): string {
  return (stderr.split('\n').find((l) => l.trim() !== '') ?? '').trim().slice(0, 300);
}
