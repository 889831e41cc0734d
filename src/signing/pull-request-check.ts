// Plan mode's look at signatures: would a merge of this pull request be refused? Its head commit
// (or, since-live, its first-parent commits after the base) is verified as an apply would, fetched
// first when the checkout (the merge ref, depth 1) lacks it. Reported, never enforced.
import { getErrorMessage } from '../model/errors.js';
import type { GitHubApi } from '../github/github-port.js';
import { verifyCommitSignatures, type VerificationReport } from './commit-verification.js';
import type { SigningPolicy } from './signing-policy.js';
import { runTool } from './signing-tool.js';

/** What the plan comment says about signatures: the report, or why there is none. */
export type SignatureCheck = { policy: SigningPolicy; report: VerificationReport } | { policy: SigningPolicy; error: string };

export interface PullRequestCommits {
  workspace: string;
  head: string;
  base?: string;
  github?: GitHubApi;
  tempRoot: string;
}

/** Undefined when verify-commits is off. */
export async function checkPullRequestSignatures(policy: SigningPolicy | undefined, pr: PullRequestCommits): Promise<SignatureCheck | undefined> {
  if (!policy || policy.mode === 'off') return undefined;
  try {
    if (policy.mode === 'keys') await fetchIfMissing(pr.workspace, pr.head);
    const report = await verifyCommitSignatures({
      policy,
      workspace: pr.workspace,
      head: pr.head,
      tempRoot: pr.tempRoot,
      ...(pr.base ? { live: pr.base, liveLabel: 'the base commit' } : {}),
      ...(pr.github ? { github: pr.github } : {}),
    });
    return { policy, report };
  } catch (error) {
    return { policy, error: getErrorMessage(error) };
  }
}

async function fetchIfMissing(workspace: string, sha: string): Promise<void> {
  if ((await runTool('git', ['-C', workspace, 'cat-file', '-e', `${sha}^{commit}`])).code === 0) return;
  await runTool('git', ['-C', workspace, 'fetch', '--no-tags', '--depth=1', 'origin', sha]);
}
