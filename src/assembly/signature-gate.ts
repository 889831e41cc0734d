// The apply's signature gate, built once for both front ends from the run's signing policy: the
// checkout in the workspace, key files under the temporary directory (RUNNER_TEMP on a runner),
// GitHub's API when the run has a token. The CLI checks its checkout first (cli/cli-signing.ts).
import type { GitHubApi } from '../github/github-port.js';
import type { Logger } from '../model/logger.js';
import { commitGate, type CommitGate } from '../signing/commit-gate.js';
import { signingTempRoot } from '../signing/signer-keyring.js';
import type { Settings } from '../settings/settings.js';

export interface SignatureGateContext {
  /** The commit applied. */
  commit: string;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  github?: GitHubApi;
}

/** Undefined when verify-commits is off. */
export function signatureGate(settings: Settings, context: SignatureGateContext): CommitGate | undefined {
  return commitGate(settings.signing, {
    workspace: settings.workspace,
    commit: context.commit,
    paths: settings.paths,
    tempRoot: signingTempRoot(context.env),
    logger: context.logger,
    ...(context.github ? { github: context.github } : {}),
  });
}
