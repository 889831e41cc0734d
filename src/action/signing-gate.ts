// The Action's signature gate and pull request check: the policy from the settings, the checkout in
// GITHUB_WORKSPACE, key files under RUNNER_TEMP, GitHub's API through the run's token.
import { commitGate, type CommitGate } from '../signing/commit-gate.js';
import { signingTempRoot } from '../signing/signer-keyring.js';
import type { Settings } from '../settings/settings.js';
import type { ModeDeps } from './plan-mode.js';

/** `{ verifyCommits }` for runApply's deps, or nothing when verify-commits is off. */
export function optionalGate(settings: Settings, commit: string, deps: ModeDeps): { verifyCommits?: CommitGate } {
  const gate = commitGate(settings.signing, {
    workspace: settings.workspace,
    commit,
    tempRoot: signingTempRoot(deps.env),
    logger: deps.logger,
    ...(deps.github ? { github: deps.github } : {}),
  });
  return gate ? { verifyCommits: gate } : {};
}
