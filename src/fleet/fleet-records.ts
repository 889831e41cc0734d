// The review records the fleet comment carries, one line per target right under its marker, so the
// merge of each target binds to what was reviewed (src/review/fleet-review-marker.ts reads them).
// A plan file's record line is never copied: it is parsed, checked to be of this pull request, this
// head and that target, and formatted anew; one that does not read or bind is left out and the
// target's row says why. Records and their per-object lists share a budget: past RECORDS_BUDGET the
// largest lists go first (the record keeps its plan digest: `objects=not-recorded`); past
// RECORDS_MAX records of targets that change nothing go, then the others, the largest first, each
// named in its row.
import { byteSize } from '../render/byte-budget.js';
import { formatReviewMarker, parseReviewLine } from '../review/review-marker.js';
import type { ReviewRecord } from '../review/review-record.js';
import { hasChanges } from '../model/plan.js';
import type { Fleet, FleetMember } from './fleet-members.js';

export const RECORDS_BUDGET = 24_000;
export const RECORDS_MAX = 50_000;

/** The status of a target whose record did not fit. */
export const RECORD_LEFT_OUT = 'left out: the comment has no room for it';

export interface FleetRecords {
  /** The record lines, in the fleet's order. */
  lines: string[];
  /** Per target with a plan: `recorded`, `digests only` (its object list dropped), or why it has none. */
  status: Map<string, string>;
}

interface Candidate {
  target: string;
  record: ReviewRecord;
  changes: boolean;
  line: string;
}

function bound(m: Extract<FleetMember, { file: unknown; target: string }>, fleet: Fleet): ReviewRecord | string {
  const line = m.file.run.review;
  if (line === undefined) return 'no review record in its plan file';
  const review = parseReviewLine(line, m.target);
  if (!review) return 'its review record does not read';
  if (fleet.pullRequest === undefined || review.pullRequest !== fleet.pullRequest) return 'its review record is of another pull request';
  if (review.record.commit !== fleet.head) return 'its review record is of another commit';
  return review.record;
}

const total = (cs: readonly Candidate[]): number => cs.reduce((n, c) => n + byteSize(c.line) + 1, 0);

export function fleetRecords(fleet: Fleet, budget = RECORDS_BUDGET, max = RECORDS_MAX): FleetRecords {
  const status = new Map<string, string>();
  const candidates: Candidate[] = [];
  for (const m of fleet.members) {
    if (m.kind !== 'planned' && m.kind !== 'failed') continue;
    const record = bound(m, fleet);
    if (typeof record === 'string' || fleet.pullRequest === undefined) {
      status.set(m.target, typeof record === 'string' ? record : 'no pull request');
      continue;
    }
    candidates.push({ target: m.target, record, changes: hasChanges(m.file.plan), line: formatReviewMarker(record, fleet.pullRequest) });
    status.set(m.target, 'recorded');
  }
  const pr = fleet.pullRequest ?? 0;
  for (const c of [...candidates].sort((a, b) => byteSize(b.line) - byteSize(a.line))) {
    if (total(candidates) <= budget) break;
    if (!c.record.objects) continue;
    const { objects: _dropped, ...digests } = c.record;
    c.record = digests;
    c.line = formatReviewMarker(digests, pr);
    status.set(c.target, 'digests only');
  }
  const kept = [...candidates];
  const largestFirst = (cs: Candidate[]): Candidate[] => cs.sort((a, b) => byteSize(b.line) - byteSize(a.line));
  const leaveOut = [...largestFirst(candidates.filter((c) => !c.changes)), ...largestFirst(candidates.filter((c) => c.changes))];
  for (const c of leaveOut) {
    if (total(kept) <= max) break;
    kept.splice(kept.indexOf(c), 1);
    status.set(c.target, RECORD_LEFT_OUT);
  }
  return { lines: kept.map((c) => c.line), status };
}
