// The merge's plan against the one reviewed on its pull request, as a pure function: identical, or
// each object whose planned change differs and why when the digests tell (drift since the review,
// main moved on, the pull request changed after its last plan).
import { formatRef } from '../objects/object-ref.js';
import type { Action, PlanEntry } from '../model/plan.js';
import type { RunApproval } from '../github/run-approval.js';
import type { ObjectDigest, ReviewRecord } from './review-record.js';

export type ReviewMatch = 'true' | 'false' | 'unknown';

export interface ReviewDifference {
  /** The object as reports show it; undefined when only the review knew it (gone from manifests and cluster). */
  object?: string;
  reviewed: Action;
  planned: Action;
  why: string;
}

export interface ReviewVerdict {
  matches: ReviewMatch;
  /** The pull request whose plan comment was read. */
  pullRequest?: number;
  /** Why the plans could not be compared (unknown), or what differs as a whole (false). */
  reason?: string;
  differences: ReviewDifference[];
  /** Who approved this run for the target's environment (added by the write gate when a reviewed plan was read). */
  approval?: RunApproval;
}

/** What the merge plans now, digested the same way, with every entry looked up by identity. */
export interface CurrentPlan {
  record: ReviewRecord;
  digests: ReadonlyMap<string, ObjectDigest & { entry: PlanEntry }>;
}

const short = (sha: string): string => sha.slice(0, 7);

/** Why the manifests differ as a whole, when they do. */
function manifestCause(review: ReviewRecord, current: ReviewRecord, prHead: string | undefined): string | undefined {
  if (review.manifests === current.manifests) return undefined;
  if (prHead && prHead !== review.commit) {
    return `the pull request changed after its last plan (planned at \`${short(review.commit)}\`, merged at \`${short(prHead)}\`)`;
  }
  return `main moved on: the merged manifests differ from the ones reviewed at \`${short(review.commit)}\``;
}

function objectWhy(reviewed: ObjectDigest | undefined, now: ObjectDigest | undefined, cause: string | undefined): string {
  const manifestChanged = reviewed && now ? reviewed.manifest !== now.manifest : undefined;
  if (manifestChanged === false || (manifestChanged === undefined && !cause)) return 'drift since the review: the live object changed';
  if (manifestChanged === true) return `its manifest changed: ${cause ?? 'after the review'}`;
  return `the manifests changed (${cause ?? 'after the review'}) or the live object did; the digests cannot tell which`;
}

/**
 * A re-run of a commit that is live already: what the review planned to create, update or delete
 * and is now in place (unchanged, or gone) was done by the earlier run of this same commit.
 */
function doneByEarlierRun(reviewed: ObjectDigest | undefined, planned: string, alreadyApplied: boolean): boolean {
  return (
    alreadyApplied &&
    reviewed !== undefined &&
    reviewed.action !== 'unchanged' &&
    (planned === 'unchanged' || (reviewed.action === 'delete' && planned === 'absent'))
  );
}

export function compareWithReview(review: ReviewRecord, current: CurrentPlan, pullRequest: number, prHead?: string, alreadyApplied = false): ReviewVerdict {
  const base = { pullRequest, differences: [] };
  if (review.basis === 'git') {
    return {
      ...base,
      matches: 'false',
      reason: "the review was a diff of the manifests without the cluster (a fork's pull request), not a live plan, so it cannot match",
    };
  }
  if (review.plan === current.record.plan && review.manifests === current.record.manifests) return { ...base, matches: 'true' };
  const cause = manifestCause(review, current.record, prHead);
  if (!review.objects) return { ...base, matches: 'false', reason: `${cause ?? 'the plan differs'}; the review was too large to compare object by object` };
  const reviewed = new Map(review.objects.map((o) => [o.id, o]));
  const changedNow = (current.record.objects ?? []).map((o) => o.id);
  const differences: ReviewDifference[] = [];
  for (const id of [...new Set([...reviewed.keys(), ...changedNow])]) {
    const before = reviewed.get(id);
    const now = current.digests.get(id);
    const planned = now?.action ?? 'unchanged';
    if (before && now && before.result === now.result) continue;
    if (doneByEarlierRun(before, now ? planned : 'absent', alreadyApplied)) continue;
    if (!before && (planned === 'unchanged' || planned === 'retain')) continue;
    differences.push({
      ...(now ? { object: formatRef(now.entry.ref) } : {}),
      reviewed: before?.action ?? 'unchanged',
      planned,
      why: objectWhy(before, now, cause),
    });
  }
  if (differences.length === 0 && alreadyApplied && !cause) {
    return { ...base, matches: 'true', reason: 'this commit is live already: an earlier run applied the reviewed changes' };
  }
  return { ...base, matches: 'false', differences, reason: cause ?? 'the planned changes differ from the reviewed ones' };
}
