// `kube-gitops apply` with verify-commits: the Action's gate (src/assembly/signature-gate.ts), on the
// checkout's own git. Only HEAD as committed can be verified, so a working tree with changes is refused.
import { signatureGate } from '../assembly/signature-gate.js';
import { ConfigurationError } from '../model/errors.js';
import { Inputs } from '../model/inputs-outputs.js';
import type { CommitGate } from '../signing/commit-gate.js';
import type { CliIo } from './cli-io.js';
import type { CliRun } from './cli-run.js';

/** The apply's signature gate, or undefined when verify-commits is off. */
export function cliGate(run: CliRun, io: CliIo): CommitGate | undefined {
  const policy = run.settings.signing;
  if (!policy || policy.mode === 'off') return undefined;
  if (!run.commit) throw new ConfigurationError(`--${Inputs.VerifyCommits} needs a git checkout: ${run.settings.workspace} is not one.`, Inputs.VerifyCommits);
  if (run.dirty) {
    throw new ConfigurationError(
      `--${Inputs.VerifyCommits} verifies the commit ${run.commit.slice(0, 7)}, but the working tree has changes not committed: commit them (signed) or stash them first.`,
      Inputs.VerifyCommits,
    );
  }
  return signatureGate(run.settings, { commit: run.commit, env: io.env, logger: run.engine.logger });
}
