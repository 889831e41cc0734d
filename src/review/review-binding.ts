// Whether a plan comment's review record is the review of this merge: written for the merged pull
// request itself, at the head commit GitHub reports for it now (the target is checked as the record
// is read). A record of another pull request, or of an older head, is never the reviewed plan.
import type { AssociatedPullRequest } from '../github/github-port.js';
import type { ReviewVerdict } from './review-compare.js';
import type { BoundReview } from './review-marker.js';

const short = (sha: string): string => sha.slice(0, 7);

/** The verdict when the record is not bound to `pr`'s head; undefined when it is. */
export function unboundVerdict(review: BoundReview, pr: AssociatedPullRequest): ReviewVerdict | undefined {
  const base = { pullRequest: pr.number, differences: [] };
  if (review.pullRequest !== pr.number) {
    return { ...base, matches: 'false', reason: `the review record in the plan comment of #${pr.number} was written for #${review.pullRequest}` };
  }
  if (!pr.headSha) return { ...base, matches: 'unknown', reason: `GitHub reports no head commit for #${pr.number}, so its review cannot be tied to it` };
  if (review.record.commit !== pr.headSha) {
    return {
      ...base,
      matches: 'false',
      reason: `the pull request changed after its last plan (planned at \`${short(review.record.commit)}\`, merged at \`${short(pr.headSha)}\`)`,
    };
  }
  return undefined;
}
