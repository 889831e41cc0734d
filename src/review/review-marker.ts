// The review record as a hidden line of the plan comment (an HTML comment: kept in the raw body the
// REST API returns, not shown), and read back on merge. Only hex digests, letters and the commit.
import type { Action } from '../plan/plan.js';
import type { ObjectDigest, ReviewRecord } from './review-record.js';

const ACTION_CODES: Record<Action, string> = { create: 'c', update: 'u', replace: 'r', delete: 'd', unchanged: 'n', retain: 't' };
const CODE_ACTIONS = new Map(Object.entries(ACTION_CODES).map(([action, code]) => [code, action as Action]));

function prefix(target: string): string {
  // A comment cannot hold `--`: a target named so is written with one hyphen, as the sticky marker does.
  return `<!-- kube-gitops:review target=${target.replace(/-{2,}/g, '-')} v=1`;
}

export function formatReviewMarker(record: ReviewRecord): string {
  const objects = record.objects ? record.objects.map((o) => `${o.id}.${ACTION_CODES[o.action]}.${o.result}.${o.manifest || '-'}`).join(',') : 'not-recorded';
  return `${prefix(record.target)} basis=${record.basis} commit=${record.commit} plan=${record.plan} manifests=${record.manifests} objects=${objects} -->`;
}

function parseObject(text: string): ObjectDigest | undefined {
  const [id, code, result, manifest] = text.split('.');
  const action = CODE_ACTIONS.get(code ?? '');
  if (!id || !action || !result || !manifest) return undefined;
  return { id, action, result, manifest: manifest === '-' ? '' : manifest };
}

/** The record of `target` in a comment body; undefined when it has none or it does not read. */
export function parseReviewMarker(body: string, target: string): ReviewRecord | undefined {
  const start = body.indexOf(`${prefix(target)} `);
  if (start < 0) return undefined;
  const end = body.indexOf(' -->', start);
  if (end < 0) return undefined;
  const fields = new Map(
    body
      .slice(start + prefix(target).length + 1, end)
      .split(' ')
      .map((f) => [f.slice(0, f.indexOf('=')), f.slice(f.indexOf('=') + 1)] as const),
  );
  const basis = fields.get('basis');
  const [commit, plan, manifests, objectsText] = [fields.get('commit'), fields.get('plan'), fields.get('manifests'), fields.get('objects')];
  if ((basis !== 'cluster' && basis !== 'git') || !commit || !plan || !manifests || objectsText === undefined) return undefined;
  const objects = objectsText === 'not-recorded' ? undefined : objectsText === '' ? [] : objectsText.split(',').map(parseObject);
  if (objects?.some((o) => o === undefined)) return undefined;
  return { target, commit, basis, plan, manifests, ...(objects ? { objects: objects.filter((o): o is ObjectDigest => o !== undefined) } : {}) };
}
