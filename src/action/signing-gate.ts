// The Action's pull request signature check (the apply's gate is src/assembly/signature-gate.ts):
// the policy from the settings, the checkout in GITHUB_WORKSPACE, key files under RUNNER_TEMP,
// GitHub's API through the run's token.
import { logReport } from '../signing/commit-gate.js';
import { checkPullRequestSignatures, type SignatureCheck } from '../signing/pull-request-check.js';
import { signingTempRoot } from '../signing/signer-keyring.js';
import type { Settings } from '../settings/settings.js';
import type { GitHubEvent } from './github-event.js';
import type { ModeDeps } from './mode-deps.js';

/** On a pull request: would its merge be refused? Undefined when verify-commits is off or there is no pull request. */
export async function pullRequestSignatures(settings: Settings, event: GitHubEvent, deps: ModeDeps): Promise<SignatureCheck | undefined> {
  const pr = event.pullRequest;
  if (!pr) return undefined;
  const check = await checkPullRequestSignatures(settings.signing, {
    workspace: settings.workspace,
    head: pr.headSha,
    tempRoot: signingTempRoot(deps.env),
    ...(pr.baseSha ? { base: pr.baseSha } : {}),
    ...(deps.github ? { github: deps.github } : {}),
  });
  if (check && 'report' in check) logReport(check.report, deps.logger);
  if (check && 'error' in check) deps.logger.warning(`Signed commits could not be verified: ${check.error}`);
  return check;
}
