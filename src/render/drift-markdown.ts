// The plan comment's drift section: objects the pull request does not change whose live state
// differs from Git, who changed them (field managers) and what the merge will do to them. Pure.
import { formatKind } from '../objects/object-ref.js';
import { assertNever, type ManagerWrite, type PlanEntry } from '../plan/plan.js';
import { ACTION_LABELS } from './action-labels.js';
import { escapeCell } from './markdown-escape.js';
import { shownRef } from './shown-ref.js';

/** One manager as reviewers read it: `kubectl-edit` (Update, 2026-12-01T10:00:00Z). */
function managerText(w: ManagerWrite): string {
  return `\`${escapeCell(w.manager)}\` (${escapeCell(w.operation)}${w.time ? `, ${escapeCell(w.time)}` : ''})`;
}

/** Who changed it in the cluster, as far as managedFields tell. */
export function changedByText(e: PlanEntry): string {
  if (e.action === 'delete') return 'not in the manifests at the base or the head';
  if (e.action === 'create') return 'missing from the cluster (deleted there, or never applied)';
  const managers = e.changedBy ?? [];
  if (managers.length > 0) return managers.map(managerText).join(', ');
  return 'no other field manager owns the changed fields (removed in the cluster, or the base commit was never applied)';
}

/** What the merge does to the drifted object. */
export function mergeOutcome(e: PlanEntry): string {
  if (e.conflicts.length > 0) return '⚠️ fails on the conflict unless `force-conflicts: true` (then overwrites it with the manifest)';
  switch (e.action) {
    case 'update':
      return 'overwrites it with the manifest';
    case 'replace':
      return 'deletes it and creates it again from the manifest';
    case 'create':
      return 'creates it again from the manifest';
    case 'delete':
      return 'deletes it (pruned: no longer in the manifests)';
    case 'unchanged':
    case 'retain':
      return 'leaves it as it is';
    default:
      return assertNever(e.action);
  }
}

function row(e: PlanEntry): string {
  const ref = shownRef(e);
  return `| ${ACTION_LABELS[e.action]} | ${escapeCell(formatKind(ref))} | ${escapeCell(ref.namespace ?? '')} | ${escapeCell(ref.name)} | ${changedByText(e)} | ${mergeOutcome(e)} |`;
}

/** The heading, the explanation and the table of drifted entries; '' when none drifted. */
export function driftTable(drifted: readonly PlanEntry[]): string {
  if (drifted.length === 0) return '';
  return [
    `#### Drift: ${drifted.length} object(s) differ from Git outside this pull request`,
    '',
    'Their manifests are the same at the base and the head, but the live objects differ: someone or something changed them in the cluster (`kubectl edit`, a controller, a webhook), or the base commit was never applied. The merge sets them back to Git.',
    '',
    '| action | kind | namespace | name | changed by | the merge |',
    '| --- | --- | --- | --- | --- | --- |',
    ...drifted.map(row),
    '',
  ].join('\n');
}

/** The heading over the pull request's own changes, shown when drift is listed apart. */
export const OWN_CHANGES_HEADING = "#### This pull request's changes\n";
