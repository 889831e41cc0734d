// The plan as GitHub-flavoured Markdown: a pure function of the plan and the options.
// Always fits the byte budget: whole per-object diffs are left out, least risky and largest
// first; the table stays (cut with a note only when it alone would not fit).
import { formatLocation } from '../model/problem.js';
import { formatKind, formatRef } from '../objects/object-ref.js';
import { ACTIONS_BY_RISK, countActions, countDrifted, type Action, type Plan, type PlanEntry } from '../model/plan.js';
import { ACTION_LABELS } from './action-labels.js';
import { planVerdict } from './plan-verdict.js';
import { byteSize as bytes, fitBytes, linesWithin } from './byte-budget.js';
import { driftTable, PULL_REQUEST_WORDING, type DriftWording } from './drift-markdown.js';
import { countsLine } from './counts-line.js';
import { helmLines } from './helm-lines.js';
import { cellCode, codeBlock, escapeMessage, escapeText, htmlCode, inlineCode } from '../text/markdown-escape.js';
import { problemItem, problemsBlock, warningsBlock } from './notices.js';
import { entryDiff } from './object-diff.js';
import { settingsLine, type ServerSetting } from './server-sets.js';
import { rolloutImpact } from '../plan/rollout-impact.js';
import { rolloutLines } from './rollout-notes.js';
import { resourceMarkdown } from './resource-lines.js';
import { compareListedInRun, isPhasedPlan, phaseLabel } from './phase-labels.js';
import type { SignatureCheck } from '../signing/pull-request-check.js';
import { signatureBlock } from './signing-markdown.js';
import { planFileForm } from './plan-file-locations.js';
import type { PlanFileRun } from '../model/plan-file-run.js';

export interface RenderOptions {
  /** Hidden HTML marker placed first (finds the sticky comment). */
  marker: string;
  /** UTF-8 byte budget. */
  maxBytes: number;
  commitUrl?: string;
  /** Where the complete plan is when parts are left out. */
  fullPlanHint?: string;
  heading?: string;
  /** What signature verification says of this pull request (verify-commits); absent when off. */
  signatures?: SignatureCheck;
  /** Hidden lines (HTML comments) after the marker: the review record. */
  hidden?: string;
  /** A paragraph after the heading (a drift check's live commit). */
  intro?: string;
  /** A closing section after everything else (the drift issue's "what to do"). */
  outro?: string;
  /** The workflow run that made the plan, linked after the verdict. */
  runUrl?: string;
  /** How the changes made in Git and the drift are named (a pull request's unless given). */
  drift?: DriftWording;
}

/** Which diffs go first when the budget is short: safest first. */
const DROP_ORDER: readonly Action[] = ['update', 'create', 'replace', 'delete'];

function byRisk(a: PlanEntry, b: PlanEntry): number {
  return ACTIONS_BY_RISK.indexOf(a.action) - ACTIONS_BY_RISK.indexOf(b.action);
}

function head(plan: Plan, options: RenderOptions): string {
  const short = plan.commit.slice(0, 7);
  const commit = options.commitUrl ? `[\`${short}\`](${options.commitUrl})` : `\`${short}\``;
  const c = countActions(plan.entries);
  const lines = [
    options.marker,
    ...(options.hidden ? [options.hidden] : []),
    `### ${options.heading ?? `kube-gitops plan for **${escapeText(plan.target)}** at ${commit}`}`,
    '',
    // A drift check's plan is no merge's: its own intro says what it compares.
    ...(options.drift ? [] : [`${planVerdict(plan, options.signatures)}${options.runUrl ? ` · [Workflow run](${options.runUrl})` : ''}`, '']),
    ...(options.drift || !plan.resources ? [] : resourceMarkdown(plan.resources)),
  ];
  if (plan.basis === 'git') {
    lines.push(
      '> [!NOTE]',
      "> **Not a live diff.** This compares the manifests at the pull request's base commit with its head; the cluster was not consulted.",
      '',
    );
  }
  if (options.intro) lines.push(options.intro, '');
  lines.push(countsLine(c, 'planned'), '', ...helmLines(plan));
  const drifted = countDrifted(plan.entries);
  if (drifted > 0 && !options.drift) lines.push(`${drifted} of these change(s) are drift in the cluster, not this pull request's: see **Drift** below.`, '');
  if (plan.problems.length > 0) {
    lines.push(
      ...problemsBlock(`${plan.problems.length} problem(s) must be fixed; a merge would apply nothing until they are:`, plan.problems.map(problemItem)),
    );
  }
  lines.push(...warningsBlock(plan.warnings));
  lines.push(...signatureBlock(options.signatures));
  return lines.join('\n');
}

function row(e: PlanEntry, phased: boolean): string {
  const source = e.source ? cellCode(formatLocation(e.source)) : '';
  const note = e.action === 'retain' || e.action === 'replace' || e.phase?.hook ? ` ${escapeMessage(e.notes[0] ?? '', 'cell')}` : '';
  const { ref } = e;
  const phase = phased ? ` ${escapeText(phaseLabel(e.phase))} |` : '';
  return `| ${ACTION_LABELS[e.action]} |${phase} ${escapeText(formatKind(ref))} | ${escapeText(ref.namespace ?? '')} | ${escapeText(ref.name)} | ${source}${note} |`;
}

function details(e: PlanEntry): string {
  const { diff, serverSets } = entryDiff(e);
  const notes = e.notes.map((n) => `> ${escapeMessage(n)}`);
  const conflicts = e.conflicts.map((c) => `- field ${inlineCode(c.field)} is owned by ${inlineCode(c.manager)}`);
  const destructive = e.action === 'delete' || e.action === 'replace';
  return [
    `<details${destructive ? ' open' : ''}><summary>${ACTION_LABELS[e.action]} ${htmlCode(formatRef(e.ref))}</summary>`,
    '',
    ...(notes.length ? [...notes, ''] : []),
    ...(conflicts.length ? ['Conflicts with other field managers:', ...conflicts, ''] : []),
    codeBlock(diff, 'diff'),
    '',
    ...serverSetsLine(serverSets),
    '</details>',
    '',
  ].join('\n');
}

/** One collapsed line under a create's diff: what the server adds to the manifest (server-sets.ts); the fleet's groups use it too. */
export function serverSetsLine(sets: readonly ServerSetting[]): string[] {
  if (sets.length === 0) return [];
  const summary = `the server also sets ${sets.length} field${sets.length === 1 ? '' : 's'}`;
  return [`<details><summary>${summary}</summary>${settingsLine(sets, 300, htmlCode)}</details>`, ''];
}

function leftOutNote(dropped: PlanEntry[], hint: string | undefined): string {
  if (dropped.length === 0) return '';
  const counts = DROP_ORDER.map((a) => [a, dropped.filter((e) => e.action === a).length] as const).filter(([, n]) => n > 0);
  const names = dropped.length <= 20 ? `: ${dropped.map((e) => inlineCode(formatRef(e.ref))).join(', ')}` : '';
  return `\n> [!NOTE]\n> ${dropped.length} diff(s) left out to fit GitHub's size limit (${counts.map(([a, n]) => `${n} ${a}`).join(', ')})${names}. The full plan is in ${hint ?? 'the job summary'}.\n`;
}

/** The rollout notes, cut to what the budget leaves after the table (with a count of the rest). */
function rolloutText(plan: Plan, budget: number): string {
  const [heading = '', blank = '', ...items] = rolloutLines(rolloutImpact(plan.entries));
  if (!heading) return '';
  const { kept, cut } = linesWithin(items, budget / 4 - bytes(heading) - 2);
  return [heading, blank, ...kept, ...(cut > 0 ? [`- …and ${cut} more rollout note(s) in the job summary.`] : []), ''].join('\n');
}

export function renderPlanMarkdown(plan: Plan, options: RenderOptions): string {
  const top = head(plan, options);
  const phased = isPhasedPlan(plan.entries);
  const changed = plan.entries.filter((e) => e.action !== 'unchanged' && !e.drift).sort(phased ? compareListedInRun : byRisk);
  const drifted = plan.entries.filter((e) => e.drift).sort(byRisk);
  const wording = options.drift ?? PULL_REQUEST_WORDING;
  const driftText = driftTable(drifted, wording);
  const reserve = 600;
  let budget = options.maxBytes - bytes(top) - reserve - bytes(driftText) - bytes(options.outro ?? '');

  const tableHead = phased
    ? '| action | phase | kind | namespace | name | source |\n| --- | --- | --- | --- | --- | --- |'
    : '| action | kind | namespace | name | source |\n| --- | --- | --- | --- | --- |';
  const rows = changed.map((e) => row(e, phased));
  let table = '';
  if (rows.length > 0) {
    const heading = drifted.length > 0 || options.drift ? `${wording.ownHeading}\n\n` : '';
    const { kept, cut } = linesWithin(rows, budget - bytes(heading) - bytes(tableHead) - 1);
    table =
      heading + [tableHead, ...kept].join('\n') + '\n' + (cut > 0 ? `\n…and ${cut} more object(s) (see ${options.fullPlanHint ?? 'the job summary'}).\n` : '');
    budget -= bytes(table);
  }

  const rollout = rolloutText(plan, budget);
  budget -= bytes(rollout);

  const diffable = [...changed, ...drifted].filter((e) => e.action !== 'retain').map((entry) => ({ entry, text: details(entry) }));
  let total = diffable.reduce((n, p) => n + bytes(p.text), 0);
  const dropped = new Set<PlanEntry>();
  if (total > budget) {
    const candidates = [...diffable].sort((a, b) => DROP_ORDER.indexOf(a.entry.action) - DROP_ORDER.indexOf(b.entry.action) || bytes(b.text) - bytes(a.text));
    for (const c of candidates) {
      if (total <= budget - bytes(leftOutNote([...dropped, c.entry], options.fullPlanHint))) break;
      total -= bytes(c.text);
      dropped.add(c.entry);
    }
  }
  const kept = (drift: boolean) => diffable.filter((p) => !dropped.has(p.entry) && (p.entry.drift === true) === drift).map((p) => p.text);
  const driftPart = driftText ? [driftText, ...kept(true)] : [];
  const body = [
    top,
    table,
    ...(rollout ? [rollout] : []),
    ...kept(false),
    ...driftPart,
    leftOutNote([...dropped], options.fullPlanHint),
    ...(options.outro ? [options.outro] : []),
  ].join('\n');
  return fitBytes(body, options.maxBytes);
}

/** The plan as stable JSON (the plan-file output), with what the step says of it (`run`); values are already masked. */
export function renderPlanJson(plan: Plan, run?: PlanFileRun): string {
  const form = planFileForm(plan);
  return `${JSON.stringify(run ? { ...(form as object), run } : form, null, 2)}\n`;
}
