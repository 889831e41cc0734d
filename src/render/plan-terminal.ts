// The plan for a terminal: the counts line (the comment's words, without its bold), the helm line,
// problems and warnings, a table of what changes (drift in the cluster apart, with who changed it),
// the rollout notes, then a unified diff per object. A pure function of the plan; colour (ANSI, through Node's own
// styleText) only when the caller says the stream takes it. Every value from the plan is kept to its
// line (PLAIN escapes control characters); the CLI's writer keeps any line from starting a workflow command.
import { styleText } from 'node:util';
import { formatLocation } from '../model/problem.js';
import { formatRef } from '../objects/object-ref.js';
import { ACTIONS_BY_RISK, countActions, hasChanges, type Action, type Plan, type PlanEntry } from '../model/plan.js';
import { actionWord, countsText } from './counts-line.js';
import { entryDiff } from './object-diff.js';
import { settingsLine } from './server-sets.js';
import { compareListedInRun, isPhasedPlan, phaseLabel } from './phase-labels.js';
import { helmSentence } from './helm-lines.js';
import { rolloutImpact } from '../plan/rollout-impact.js';
import { rolloutItems } from './rollout-notes.js';
import { resourceTerminal } from './resource-lines.js';
import { PLAIN } from './text-format.js';
import { changedByText } from './drift-markdown.js';

export interface TerminalOptions {
  color: boolean;
  /** `all`: every object's diff; `auto` (default): above {@link SUMMARY_ABOVE} changed objects, only the risky ones' diffs. */
  diffs?: 'all' | 'auto';
}

/** Changed objects above which `auto` shows only the diffs of deletes, replaces, conflicts and drift. */
export const SUMMARY_ABOVE = 20;

/** A note on this many shown diffs or more is said once, with the count, instead of under each. */
const REPEATED_NOTE = 3;

type Format = Extract<Parameters<typeof styleText>[0], string>;
type Style = Format | Format[];

const ACTION_STYLE: Record<Action, Format> = {
  delete: 'red',
  replace: 'magenta',
  create: 'green',
  update: 'yellow',
  retain: 'cyan',
  unchanged: 'gray',
};

export function renderPlanTerminal(plan: Plan, options: TerminalOptions): string {
  const paint = (style: Style, text: string): string => (options.color ? styleText(style, text, { validateStream: false }) : text);
  const lines = [paint('bold', `kube-gitops plan for ${plan.target} at ${plan.commit.slice(0, 7) || 'the working tree'}`)];
  if (plan.basis === 'git') lines.push('Not a live diff: the manifests at the base commit against the head; the cluster was not consulted.');
  lines.push(countsText(countActions(plan.entries), 'planned'), '');
  if (plan.resources) lines.push(...resourceTerminal(plan.resources));
  const helm = helmSentence(plan, PLAIN);
  if (helm) lines.push(helm, '');
  if (plan.problems.length > 0) {
    lines.push(paint('red', `${plan.problems.length} problem(s) must be fixed; an apply would write nothing until they are:`));
    for (const p of plan.problems) lines.push(`  ${p.source ? `${PLAIN.code(formatLocation(p.source))}: ` : ''}${PLAIN.text(p.message)}`);
    lines.push('');
  }
  if (plan.warnings.length > 0) {
    for (const w of plan.warnings) lines.push(paint('yellow', `warning: ${PLAIN.text(w)}`));
    lines.push('');
  }
  const phased = isPhasedPlan(plan.entries);
  const byRisk = (a: PlanEntry, b: PlanEntry): number => ACTIONS_BY_RISK.indexOf(a.action) - ACTIONS_BY_RISK.indexOf(b.action);
  const changed = plan.entries.filter((e) => e.action !== 'unchanged').sort(phased ? compareListedInRun : byRisk);
  if (changed.length === 0) {
    if (!hasChanges(plan) && plan.problems.length === 0) lines.push('No changes: the cluster already matches the manifests.');
    return `${lines.join('\n')}\n`;
  }
  const own = changed.filter((e) => !e.drift);
  const drifted = changed.filter((e) => e.drift);
  if (own.length > 0) lines.push(...table(own, paint), '');
  if (drifted.length > 0) {
    const live = plan.liveCommit ? plan.liveCommit.slice(0, 7) : 'the commit applied last';
    lines.push(
      paint(
        'bold',
        `Drift: ${drifted.length} object(s) changed in the cluster, not in Git (their manifests are the same in ${live}, which is live, and here); an apply sets them back, unless a field conflict is listed:`,
      ),
      ...table(drifted, paint, (e) => (e.changedBy?.length ? `changed by ${changedByText(e, PLAIN)}` : changedByText(e, PLAIN))),
      '',
    );
  }
  const rollout = rolloutItems(rolloutImpact(plan.entries), PLAIN);
  if (rollout.length > 0) lines.push(paint('bold', 'Rollout impact:'), ...rollout.map((l) => `  ${l}`), '');
  const diffable = [...own, ...drifted].filter((e) => e.action !== 'retain');
  const summary = options.diffs !== 'all' && diffable.length > SUMMARY_ABOVE;
  const shown = summary ? diffable.filter(isRisky) : diffable;
  const repeated = repeatedNotes(shown);
  for (const [note, count] of repeated) lines.push(`Note on ${count} objects: ${PLAIN.text(note)}`, '');
  for (const e of shown) lines.push(...diffOf(e, paint, repeated), '');
  if (shown.length < diffable.length) {
    lines.push(`${diffable.length - shown.length} diff(s) of creates and updates not shown (over ${SUMMARY_ABOVE} changed objects): --diff all shows them.`);
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** What a reviewer of a large plan must still read in full. */
function isRisky(e: PlanEntry): boolean {
  return e.action === 'delete' || e.action === 'replace' || e.conflicts.length > 0 || e.drift === true;
}

function repeatedNotes(entries: readonly PlanEntry[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of entries) for (const n of new Set(e.notes)) counts.set(n, (counts.get(n) ?? 0) + 1);
  return new Map([...counts].filter(([, n]) => n >= REPEATED_NOTE));
}

function table(entries: readonly PlanEntry[], paint: (style: Style, text: string) => string, extra?: (e: PlanEntry) => string): string[] {
  const phased = isPhasedPlan(entries);
  const rows = entries.map(
    (e) => [actionWord(e.action, 'planned'), PLAIN.code(formatRef(e.ref)), e.source ? PLAIN.code(formatLocation(e.source)) : '', phaseLabel(e.phase)] as const,
  );
  const width = [Math.max(...rows.map((r) => r[0].length)), Math.max(...rows.map((r) => r[1].length)), Math.max(...rows.map((r) => r[3].length))];
  const sourceWidth = Math.max(...rows.map((r) => r[2].length));
  return rows.map((r, i) => {
    const action = entries[i]?.action ?? 'unchanged';
    const phase = phased ? `  ${r[3].padEnd(width[2] ?? 0)}` : '';
    const entry = entries[i];
    const source = extra && entry ? `${r[2].padEnd(sourceWidth)}  ${extra(entry)}` : r[2];
    return `  ${paint(ACTION_STYLE[action], r[0].padEnd(width[0] ?? 0))}${phase}  ${r[1].padEnd(width[1] ?? 0)}  ${source}`.trimEnd();
  });
}

function diffOf(e: PlanEntry, paint: (style: Style, text: string) => string, saidOnce: ReadonlyMap<string, number>): string[] {
  const head = paint(
    ['bold', ACTION_STYLE[e.action]],
    `${e.action} ${PLAIN.code(formatRef(e.ref))}${e.source ? ` (${PLAIN.code(formatLocation(e.source))})` : ''}`,
  );
  const notes = e.notes.filter((n) => !saidOnce.has(n)).map((n) => `  ${PLAIN.text(n)}`);
  const conflicts = e.conflicts.map((c) => `  field ${PLAIN.code(c.field)} is owned by ${PLAIN.code(c.manager)}`);
  const { diff: hunks, serverSets } = entryDiff(e);
  const diff = hunks
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => {
      if (l.startsWith('@@')) return paint('cyan', l);
      if (l.startsWith('+')) return paint('green', l);
      if (l.startsWith('-')) return paint('red', l);
      return l;
    });
  const sets = serverSets.length > 0 ? [paint('gray', `  the server also sets: ${PLAIN.text(settingsLine(serverSets, SETS_WIDTH))}`)] : [];
  return [head, ...notes, ...conflicts, ...diff, ...sets];
}

/** How long the "server also sets" line's list may grow in a terminal. */
const SETS_WIDTH = 160;
