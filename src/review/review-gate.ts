// On merge, after planning and before the first write: the merged pull request's plan comment for
// this target is read (through the GitHub port) and its review record compared with the plan about
// to be applied. `fail` refuses a plan that differs from the reviewed one; `warn` applies it.
// Only a comment the token in use wrote counts (never another app's), only the record on its second
// line is read, and it must be bound to the merged pull request and its head (review-binding.ts).
// A pull request planned as a fleet has no plan comment per target: then the fleet comment the token
// wrote is read (any fleet's: a target in two is trusted in neither), and only the target's record in
// its leading lines (fleet-review-marker.ts).
import { getErrorMessage } from '../model/errors.js';
import type { GitHubApi } from '../github/github-port.js';
import { mergedPullRequest } from '../github/merged-pull-request.js';
import { ownIdentity } from '../github/own-identity.js';
import { findOwnComments, findStickyComment, isFleetMarker, stickyMarker } from '../github/sticky-comment.js';
import type { DesiredObject } from '../objects/desired-object.js';
import type { Plan } from '../model/plan.js';
import type { SecretRedactor } from '../redaction/secret-redactor.js';
import { ApplyRefusedError } from '../model/apply-refused.js';
import { Inputs } from '../model/inputs-outputs.js';
import { unboundVerdict } from './review-binding.js';
import { compareWithReview, type ReviewVerdict } from './review-compare.js';
import { parseReviewMarker, type BoundReview } from './review-marker.js';
import { parseFleetReviewMarker } from './fleet-review-marker.js';
import type { OwnIdentity } from '../github/own-identity.js';
import { objectDigests, reviewRecord } from './review-record.js';

export interface ReviewGateOptions {
  github?: GitHubApi;
  /** The pushed commit. */
  sha: string;
  desired: readonly DesiredObject[];
  redactor: SecretRedactor;
}

const unknown = (reason: string, pullRequest?: number): ReviewVerdict => ({
  matches: 'unknown',
  reason,
  differences: [],
  ...(pullRequest ? { pullRequest } : {}),
});

/** The verdict on `plan`: true, false (with each difference), or unknown (and why). */
export async function reviewVerdict(plan: Plan, options: ReviewGateOptions): Promise<ReviewVerdict> {
  const { github, sha } = options;
  if (!github) return unknown('no github-token, so the pull request and its plan comment cannot be read');
  try {
    const pr = await mergedPullRequest(github, sha);
    if (!pr) return unknown(`no pull request is associated with ${sha.slice(0, 7)} (pushed directly?)`);
    const own = await ownIdentity(github);
    if (!own.known) return unknown(`${own.reason}, so no plan comment can be trusted`, pr.number);
    const review = await reviewOf(github, pr.number, plan.target, own);
    if (typeof review === 'string') return unknown(review, pr.number);
    const unbound = unboundVerdict(review, pr);
    if (unbound) return unbound;
    const current = { record: reviewRecord(plan, options.desired, options.redactor), digests: objectDigests(plan, options.desired, options.redactor) };
    return compareWithReview(review.record, current, pr.number, pr.headSha, plan.liveCommit === sha);
  } catch (error) {
    return unknown(`the pull request's plan comment could not be read (${getErrorMessage(error).split('\n')[0] ?? ''})`);
  }
}

/** The target's record: in its own plan comment, else in the fleet comment; why not when neither holds one. */
async function reviewOf(github: GitHubApi, pr: number, target: string, own: Extract<OwnIdentity, { known: true }>): Promise<BoundReview | string> {
  const comment = await findStickyComment(github, pr, stickyMarker('plan', target), own);
  if (comment) return parseReviewMarker(comment.body, target) ?? `the plan comment of #${pr} holds no review record (posted by an older kube-gitops?)`;
  const fleets = await findOwnComments(github, pr, isFleetMarker, own);
  if (fleets.length === 0) return `#${pr} has no plan comment for this target written by ${own.identity.login}`;
  const reviews = fleets.flatMap((c) => parseFleetReviewMarker(c.body, target) ?? []);
  const [review, ...more] = reviews;
  if (!review) return `the fleet comment of #${pr} holds no review record for this target`;
  return more.length === 0 ? review : `${reviews.length} fleet comments of #${pr} hold a review record for this target, so none can be trusted`;
}

/** `on-unreviewed-changes: fail` and a plan that differs: nothing is applied, and the report says how to go on. */
export function unreviewedRefusal(verdict: ReviewVerdict, plan: Plan, sha: string): ApplyRefusedError {
  const pr = verdict.pullRequest === undefined ? 'its pull request' : `#${verdict.pullRequest}`;
  const approved = verdict.approval ? `approved by \`${verdict.approval.login}\` for environment \`${verdict.approval.environment}\`, but ` : '';
  const what =
    verdict.matches === 'unknown'
      ? `${approved}no plan reviewed in ${pr} can be read (${verdict.reason ?? 'no review record'})`
      : `${approved}the plan differs from the one reviewed in ${pr} (${verdict.reason ?? 'the planned changes differ'})`;
  const headline =
    `Nothing was applied: ${what}, and ${Inputs.OnUnreviewedChanges} is fail. ` +
    `To go on, re-run the plan of ${pr} (or open a pull request that plans the current state), have it reviewed, then re-run this workflow; or revert the merge (git revert ${sha}).`;
  const lines = verdict.differences.map((d) => `- ${d.object ?? 'an object only the review planned'}: reviewed ${d.reviewed}, now ${d.planned} — ${d.why}`);
  const message = [headline, ...lines].join('\n');
  return new ApplyRefusedError(message, { problems: [{ message, code: 'refusal' }], plan, input: Inputs.OnUnreviewedChanges });
}
