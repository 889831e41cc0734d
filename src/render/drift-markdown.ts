// The plan comment's drift section: objects the pull request does not change whose live state
// differs from Git, who changed them (field managers) and what the merge will do to them. Pure.
import { formatKind } from '../objects/object-ref.js';
import { assertNever, type ManagerWrite, type PlanEntry } from '../model/plan.js';
import { ACTION_LABELS } from './action-labels.js';
import { cellCode, escapeText } from '../text/markdown-escape.js';
import { MARKDOWN, type TextFormat } from './text-format.js';

/** Inside a table cell: code spans that no pipe can end. */
const CELL: TextFormat = { ...MARKDOWN, code: cellCode };

/** One manager as reviewers read it: `kubectl-edit` (Update, 2026-12-01T10:00:00Z). */
function managerText(w: ManagerWrite, f: TextFormat): string {
  return `${f.code(w.manager)} (${f.text(w.operation)}${w.time ? `, ${f.text(w.time)}` : ''})`;
}

/** Who changed it in the cluster, as far as managedFields tell (a table cell unless another format is given). */
export function changedByText(e: PlanEntry, f: TextFormat = CELL): string {
  if (e.action === 'delete') return 'not in the manifests at the base or the head';
  if (e.action === 'create') return 'missing from the cluster (deleted there, or never applied)';
  const managers = e.changedBy ?? [];
  if (managers.length > 0) return managers.map((w) => managerText(w, f)).join(', ');
  return 'no other field manager owns the changed fields (removed in the cluster, or the base commit was never applied)';
}

/** What the merge does to the drifted object. */
function mergeOutcome(e: PlanEntry): string {
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
  const { ref } = e;
  return `| ${ACTION_LABELS[e.action]} | ${escapeText(formatKind(ref))} | ${escapeText(ref.namespace ?? '')} | ${escapeText(ref.name)} | ${changedByText(e)} | ${mergeOutcome(e)} |`;
}

/** How the two parts of a plan are named: a pull request's comment, or a scheduled drift check. */
export interface DriftWording {
  /** Over the changes made in Git, shown when drift is listed apart. */
  ownHeading: string;
  driftHeading: (count: number) => string;
  driftText: string;
  /** The column saying what happens to a drifted object. */
  outcomeColumn: string;
}

export const PULL_REQUEST_WORDING: DriftWording = {
  ownHeading: "#### This pull request's changes",
  driftHeading: (n) => `#### Drift: ${n} object(s) differ from Git outside this pull request`,
  driftText:
    'Their manifests are the same at the base and the head, but the live objects differ: someone or something changed them in the cluster (`kubectl edit`, a controller, a webhook), or the base commit was never applied. The merge sets them back to Git, except where the table says a field conflict refuses it.',
  outcomeColumn: 'the merge',
};

/** A drift check against the commit the ApplySet records as applied. */
export function scheduledWording(liveCommit: string | undefined): DriftWording {
  const applied = liveCommit ? `\`${liveCommit.slice(0, 7)}\`` : 'the commit applied last';
  return {
    ownHeading: `#### Not applied yet: changed in Git since ${applied}`,
    driftHeading: (n) => `#### Drift: ${n} object(s) changed in the cluster`,
    driftText: `Their manifests are the same in ${applied} (applied) and the branch head, but the live objects differ: someone or something changed them in the cluster (\`kubectl edit\`, a controller, a webhook). The next apply sets them back to Git, except where the table says a field conflict refuses it.`,
    outcomeColumn: 'the next apply',
  };
}

/** The heading, the explanation and the table of drifted entries; '' when none drifted. */
export function driftTable(drifted: readonly PlanEntry[], wording: DriftWording = PULL_REQUEST_WORDING): string {
  if (drifted.length === 0) return '';
  return [
    wording.driftHeading(drifted.length),
    '',
    wording.driftText,
    '',
    `| action | kind | namespace | name | changed by | ${wording.outcomeColumn} |`,
    '| --- | --- | --- | --- | --- | --- |',
    ...drifted.map(row),
    '',
  ].join('\n');
}
