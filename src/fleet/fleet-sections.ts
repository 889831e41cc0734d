// The fleet comment's collapsed parts: one block per group of identical changes (the diff once,
// naming every target it is planned in) and one per target (its problems, warnings and the objects
// it changes, cut to a few dozen rows: the target's job summary holds its whole plan). Text from
// plan files goes through the Markdown escapers only, as in src/render/plan-markdown.ts.
import { formatLocation } from '../model/problem.js';
import { ACTIONS_BY_RISK, type ActionCounts, type PlanEntry } from '../model/plan.js';
import { formatKind, formatRef } from '../objects/object-ref.js';
import { ACTION_LABELS } from '../render/action-labels.js';
import { countsLine } from '../render/counts-line.js';
import { serverSetsLine } from '../render/plan-markdown.js';
import { problemItem, problemsBlock, warningsBlock } from '../render/notices.js';
import { cellCode, codeBlock, escapeMessage, escapeText, htmlCode, inlineCode } from '../text/markdown-escape.js';
import type { ChangeGroup } from './change-groups.js';
import type { FleetMember } from './fleet-members.js';
import { clamp, count } from './fleet-verdict.js';
import { targetResourceLines } from './fleet-resources.js';

/** Targets named in a group's summary line; the rest inside the block. */
const SUMMARY_NAMES = 8;
/** Rows of a target's object table, problems and warnings shown at most. */
const TARGET_ROWS = 40;
const TARGET_NOTICES = 10;

export function groupSummary(g: ChangeGroup): string {
  const names = g.targets
    .slice(0, SUMMARY_NAMES)
    .map((t) => htmlCode(clamp(t)))
    .join(', ');
  const more = g.targets.length > SUMMARY_NAMES ? ` and ${g.targets.length - SUMMARY_NAMES} more` : '';
  const drift = g.drift ? ' (drift in the cluster)' : '';
  return `${ACTION_LABELS[g.action]} ${htmlCode(formatRef(g.ref))} in ${count(g.targets.length, 'target')}${drift}: ${names}${more}`;
}

export function groupBlock(g: ChangeGroup): string {
  const destructive = g.action === 'delete' || g.action === 'replace';
  const all = g.targets.length > SUMMARY_NAMES ? [`In ${g.targets.map(inlineCode).join(', ')}.`, ''] : [];
  const conflicts = g.conflicts.map((c) => `- field ${inlineCode(c.field)} is owned by ${inlineCode(c.manager)}`);
  return [
    `<details${destructive ? ' open' : ''}><summary>${groupSummary(g)}</summary>`,
    '',
    ...all,
    ...(conflicts.length ? ['Conflicts with other field managers:', ...conflicts, ''] : []),
    ...(g.diff ? [codeBlock(g.diff, 'diff'), '', ...serverSetsLine(g.serverSets)] : ['No longer in the manifests; left in place.', '']),
    '</details>',
    '',
  ].join('\n');
}

const byRisk = (a: PlanEntry, b: PlanEntry): number => ACTIONS_BY_RISK.indexOf(a.action) - ACTIONS_BY_RISK.indexOf(b.action);

function objectRows(entries: readonly PlanEntry[]): string[] {
  const changed = entries.filter((e) => e.action !== 'unchanged').sort(byRisk);
  if (changed.length === 0) return [];
  const rows = changed.slice(0, TARGET_ROWS).map((e) => {
    const source = e.source ? cellCode(formatLocation(e.source)) : '';
    return `| ${ACTION_LABELS[e.action]} | ${escapeText(formatKind(e.ref))} | ${escapeText(e.ref.namespace ?? '')} | ${escapeText(e.ref.name)} | ${source} |`;
  });
  const more = changed.length > TARGET_ROWS ? [`…and ${changed.length - TARGET_ROWS} more object(s) in its job summary.`, ''] : [];
  return ['| action | kind | namespace | name | source |', '| --- | --- | --- | --- | --- |', ...rows, '', ...more];
}

/** `2 create, 1 delete`: the changes alone. */
function changesText(c: ActionCounts): string {
  return (
    (['create', 'update', 'replace', 'delete'] as const)
      .filter((a) => c[a] > 0)
      .map((a) => `${c[a]} ${a}`)
      .join(', ') || 'no changes'
  );
}

/** A target's block; undefined when it has nothing to show (no changes, problems or warnings). */
export function targetBlock(m: FleetMember): string | undefined {
  if (m.kind !== 'planned' && m.kind !== 'failed') return undefined;
  const { plan, run } = m.file;
  const rows = objectRows(plan.entries);
  // A step that could not plan writes its one line as `run.failure` and as the plan's problem: shown once.
  const failure = run.failure && !plan.problems.some((p) => p.message === run.failure) ? [run.failure] : [];
  if (rows.length === 0 && plan.problems.length === 0 && plan.warnings.length === 0 && failure.length === 0) return undefined;
  const problems = [...failure.map((message) => problemItem({ message })), ...plan.problems.map(problemItem)];
  const shown = problems.slice(0, TARGET_NOTICES);
  if (problems.length > shown.length) shown.push(`- …and ${problems.length - shown.length} more in its job summary.`);
  return [
    `<details><summary>${htmlCode(clamp(m.target))}: ${m.kind === 'failed' ? `⛔ ${count(problems.length, 'problem')}` : changesText(m.counts)}</summary>`,
    '',
    countsLine(m.counts, 'planned'),
    '',
    ...targetResourceLines(plan.resources),
    ...(plan.basis === 'git' ? ["Not a live diff: the manifests at the pull request's base commit against its head.", ''] : []),
    ...(problems.length ? problemsBlock(`${count(problems.length, 'problem')} must be fixed; a merge applies nothing here until they are:`, shown) : []),
    ...warningsBlock(plan.warnings.slice(0, TARGET_NOTICES)),
    ...rows,
    '</details>',
    '',
  ].join('\n');
}

/** The left-out note: what did not fit, and where it is. */
export function leftOutNote(parts: readonly string[], notes: readonly string[]): string {
  if (parts.length === 0 && notes.length === 0) return '';
  const said = parts.length ? [`> Left out to fit GitHub's size limit: ${parts.join('; ')}. Each target's job summary holds its whole plan.`] : [];
  return ['> [!NOTE]', ...said, ...notes.map((n) => `> ${escapeMessage(n)}`), ''].join('\n');
}
