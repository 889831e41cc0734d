// The review record as the second line of the plan comment (an HTML comment: kept in the raw body
// the REST API returns, not shown), right under the comment's marker, and read back on merge from
// there only: a record anywhere else in a body (a manifest value quoted in a diff) is never read.
// It is bound to the pull request, its planned head commit and the target; only hex digests,
// letters, the commit and the number. Version 1 records (unbound) are not read.
import type { Action } from '../model/plan.js';
import { markerName, stickyMarker } from '../github/sticky-comment.js';
import type { ObjectDigest, ReviewRecord } from './review-record.js';

/** A review record as a plan comment holds it: of one pull request. */
export interface BoundReview {
  /** The pull request whose plan comment carries it. */
  pullRequest: number;
  record: ReviewRecord;
}

const ACTION_CODES: Record<Action, string> = { create: 'c', update: 'u', replace: 'r', delete: 'd', unchanged: 'n', retain: 't' };
const CODE_ACTIONS = new Map(Object.entries(ACTION_CODES).map(([action, code]) => [code, action as Action]));

const RECORD_LINE =
  /^<!-- kube-gitops:review v=2 target=(\S+) pr=([1-9][0-9]{0,15}) basis=(cluster|git) commit=([0-9a-f]{7,64}) plan=([0-9a-f]{8,64}) manifests=([0-9a-f]{8,64}) objects=(not-recorded|[0-9a-z.,-]*) -->$/;
const OBJECT = /^([0-9a-f]{8,64})\.([a-z])\.([0-9a-f]{8,64})\.([0-9a-f]{8,64}|-)$/;

export function formatReviewMarker(record: ReviewRecord, pullRequest: number): string {
  const objects = record.objects ? record.objects.map((o) => `${o.id}.${ACTION_CODES[o.action]}.${o.result}.${o.manifest || '-'}`).join(',') : 'not-recorded';
  return (
    `<!-- kube-gitops:review v=2 target=${markerName(record.target)} pr=${pullRequest} basis=${record.basis} ` +
    `commit=${record.commit} plan=${record.plan} manifests=${record.manifests} objects=${objects} -->`
  );
}

function parseObject(text: string): ObjectDigest | undefined {
  const [, id, code, result, manifest] = OBJECT.exec(text) ?? [];
  const action = CODE_ACTIONS.get(code ?? '');
  if (!id || !action || !result || !manifest) return undefined;
  return { id, action, result, manifest: manifest === '-' ? '' : manifest };
}

function parseObjects(text: string): ObjectDigest[] | undefined | 'unreadable' {
  if (text === 'not-recorded') return undefined;
  if (text === '') return [];
  const objects = text.split(',').map(parseObject);
  return objects.every((o): o is ObjectDigest => o !== undefined) ? objects : 'unreadable';
}

/**
 * The record of `target` in a plan comment body: its first line must be the target's plan marker and
 * its second line the record, whole. Undefined when the body is not laid out so or the record does not read.
 */
export function parseReviewMarker(body: string, target: string): BoundReview | undefined {
  const [first, second] = body.split(/\r?\n/, 2);
  if (first !== stickyMarker('plan', target)) return undefined;
  return parseReviewLine(second ?? '', target);
}

/** One record line, whole, of `target`; undefined when it does not read or is another target's. */
export function parseReviewLine(line: string, target: string): BoundReview | undefined {
  const m = RECORD_LINE.exec(line);
  if (!m) return undefined;
  const [, name, pr, basis, commit, plan, manifests, objectsText] = m;
  const objects = parseObjects(objectsText ?? '');
  if (name !== markerName(target) || !pr || (basis !== 'cluster' && basis !== 'git') || !commit || !plan || !manifests || objects === 'unreadable')
    return undefined;
  return { pullRequest: Number(pr), record: { target, commit, basis, plan, manifests, ...(objects ? { objects } : {}) } };
}
