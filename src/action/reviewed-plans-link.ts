// On a push, the targets step's summary links the plans the merge was reviewed with: the merged pull
// request's fleet comment (the token's own, found by its marker). The run's page is where GitHub
// asks an environment's reviewer to approve a production job, and the targets job's summary is on
// it before any ring runs: the reviewer reads there what each target will apply, and after the
// approval the apply plans again and is held to that plan (`on-unreviewed-changes: fail`). Nothing
// found (no merged pull request, no fleet comment, a token that may not read them) says so.
import { mergedPullRequest } from '../github/merged-pull-request.js';
import type { GitHubApi } from '../github/github-port.js';
import { ownIdentity } from '../github/own-identity.js';
import { fleetMarker, findStickyComment } from '../github/sticky-comment.js';
import { getErrorMessage } from '../model/errors.js';

export async function reviewedPlansLine(github: GitHubApi, sha: string, fleet: string): Promise<string> {
  try {
    const merged = await mergedPullRequest(github, sha);
    if (!merged) return `No pull request is associated with \`${sha.slice(0, 7)}\`: no reviewed plan to show the approvers.`;
    const comment = await findStickyComment(github, merged.number, fleetMarker(fleet), await ownIdentity(github));
    if (!comment) return `#${merged.number} has no fleet comment of this token's: no reviewed plan to show the approvers.`;
    return `**Approving a job of this run?** Each target's plan, as reviewed: [the fleet comment on #${merged.number}](${comment.url}). Each apply plans again and applies only that plan.`;
  } catch (error) {
    return `The reviewed plans could not be found (${getErrorMessage(error).split('\n')[0] ?? ''}).`;
  }
}
