// The apply report for the job summary and the merged pull request: pure, from plain data, within
// a byte budget. It shares the plan comment's cell escaper, action labels, counts line and notices.
import type { HealthResult } from '../wait/health-wait.js';
import type { AppliedObject, FailedObject } from '../apply/applier.js';
import type { PruneOutcome } from '../apply/pruner.js';
import type { HookResult } from '../apply/hook-runner.js';
import { formatRef, refKey, type ObjectRef } from '../objects/object-ref.js';
import { countActions, type ActionCounts, type PlanEntry } from '../model/plan.js';
import { ACTION_LABELS } from './action-labels.js';
import { countsLine } from './counts-line.js';
import { formatDuration } from './duration.js';
import { cellCode, escapeMessage, escapeText, inlineCode } from '../text/markdown-escape.js';
import { warningsSection } from './notice-sections.js';
import { renderSections, type ReportSection } from './report-sections.js';
import { reviewSection } from './review-markdown.js';
import type { ReviewVerdict } from '../review/review-compare.js';
import { outcomeLine, tallyOf, type ApplyTally } from './apply-outcome.js';
import { adviceSection } from './apply-advice.js';

/** GitHub rejects comment bodies over 65,536 characters; the default keeps the UTF-8 size below it. */
export const DEFAULT_REPORT_MAX_BYTES = 65_000;

/**
 * What the report reads of an apply: the apply pipeline's ApplyReport (src/run/apply-run.ts) is one
 * as it is, never copied field by field.
 */
export interface AppliedRun {
  planResult: { plan: { entries: readonly PlanEntry[]; warnings: readonly string[] } };
  outcome: { applied: readonly AppliedObject[]; failed: readonly FailedObject[] };
  prune?: PruneOutcome;
  health: readonly HealthResult[];
  /** The hooks run, in order. */
  hooks: readonly HookResult[];
  /** The step of a phased run that stopped it, and the steps not started after it. */
  stoppedAt?: string;
  skippedSteps: readonly string[];
  /** The commit live before this run. */
  previousCommit?: string;
  durationsMs: { plan: number; apply: number; prune: number; wait: number };
  succeeded: boolean;
}

/** Where the report is shown and what it is about. */
export interface ApplyReportContext {
  marker: string;
  target: string;
  commit: string;
  runUrl?: string;
  /** The plan compared with the one reviewed on the merged pull request. */
  review?: ReviewVerdict;
  /** UTF-8 byte budget (DEFAULT_REPORT_MAX_BYTES unless given). */
  maxBytes?: number;
}

/** What the run did: created/updated/replaced as applied, deleted as pruned, the rest as planned. */
function doneCounts(report: AppliedRun): ActionCounts {
  const counts = { ...countActions(report.planResult.plan.entries), create: 0, update: 0, replace: 0, delete: report.prune?.deleted.length ?? 0 };
  for (const a of report.outcome.applied) if (a.action === 'create' || a.action === 'update' || a.action === 'replace') counts[a.action] += 1;
  return counts;
}

function headSection(report: AppliedRun, context: ApplyReportContext, tally: ApplyTally): ReportSection {
  const d = report.durationsMs;
  const lines = [
    context.marker,
    `## kube-gitops apply of \`${context.commit.slice(0, 7)}\` to **${escapeText(context.target)}**`,
    '',
    outcomeLine(report, tally),
    '',
  ];
  lines.push(
    `${countsLine(doneCounts(report), 'done')} · plan ${formatDuration(d.plan)} · apply ${formatDuration(d.apply)} · prune ${formatDuration(d.prune)} · wait ${formatDuration(d.wait)}`,
  );
  if (report.previousCommit && report.previousCommit !== context.commit) lines.push('', `Previously live: \`${report.previousCommit.slice(0, 7)}\`.`);
  if (context.runUrl) lines.push('', `[Workflow run](${context.runUrl})`);
  lines.push('');
  return { head: lines, rows: [] };
}

function tableSection(title: string, columns: readonly string[], rows: readonly string[], open = true): ReportSection {
  const head = [`| ${columns.join(' | ')} |`, `| ${columns.map(() => '---').join(' | ')} |`];
  const more = (n: number): string => `\n…and ${n} more object(s); the workflow log lists them all.`;
  return open
    ? { head: [`### ${title}`, '', ...head], rows, tail: [''], more }
    : { head: [`<details><summary>${title}</summary>`, '', ...head], rows, tail: ['', '</details>', ''], more };
}

function listSection(title: string, items: readonly string[], open = false): ReportSection {
  return {
    head: [`<details${open ? ' open' : ''}><summary>${title}</summary>`, ''],
    rows: items,
    tail: ['', '</details>', ''],
    more: (n) => `- …and ${n} more; the workflow log lists them all.`,
  };
}

const refItem = (r: ObjectRef): string => `- ${inlineCode(formatRef(r))}`;

const HOOK_WHEN: Record<HookResult['phase'], string> = { 'pre-apply': 'before the rollout', 'post-apply': 'after the rollout' };

function hookResult(h: HookResult): string {
  const verdict =
    h.state === 'succeeded'
      ? `✅ completed in ${formatDuration(h.durationMs)}: ${escapeMessage(h.message, 'cell')}`
      : `❌ failed after ${formatDuration(h.durationMs)}: ${escapeMessage(h.message, 'cell')}`;
  return h.deleted ? `${verdict} (deleted by its delete policy)` : verdict;
}

function stoppedSection(stoppedAt: string, skipped: readonly string[]): ReportSection {
  const later = skipped.length > 0 ? ` Not started: ${skipped.map(escapeText).join(', ')}.` : '';
  return { head: [`The run stopped at ${escapeText(stoppedAt)}.${later}`, ''], rows: [] };
}

/** After a run that stopped before its prune: that the prune was skipped, and what it leaves in place. */
function pruneSkippedSection(unpruned: readonly ObjectRef[]): ReportSection {
  if (unpruned.length === 0) return { head: ['The prune was skipped (nothing was due to be pruned).', ''], rows: [] };
  return listSection(`The prune was skipped: ${unpruned.length} object(s) due to be pruned stay until a run succeeds`, unpruned.map(refItem), true);
}

export function renderApplyMarkdown(report: AppliedRun, context: ApplyReportContext): string {
  const { applied } = report.outcome;
  const tally = tallyOf(report);
  const code = (ref: ObjectRef): string => cellCode(formatRef(ref));
  const health = new Map(report.health.map((h) => [refKey(h.ref), h]));
  const healthCell = (ref: ObjectRef): string => {
    const h = health.get(refKey(ref));
    if (!h) return 'not waited for';
    return h.state === 'healthy' ? `healthy in ${formatDuration(h.durationMs)}` : h.state;
  };
  const prune = report.prune ?? { deleted: [], failed: [], retained: [] };
  const sections: ReportSection[] = [
    headSection(report, context, tally),
    reviewSection(context.review, report.succeeded),
    warningsSection(report.planResult.plan.warnings),
  ];
  if (tally.failed.length > 0)
    sections.push(
      tableSection(
        'Failed',
        ['object', 'error'],
        tally.failed.map((f) => `| ${code(f.ref)} | ${escapeMessage(f.message, 'cell')} |`),
      ),
    );
  if (tally.unhealthy.length > 0) {
    sections.push(
      tableSection(
        'Not healthy',
        ['object', 'state', 'why', 'latest events'],
        tally.unhealthy.map((h) => `| ${code(h.ref)} | ${h.state} | ${escapeMessage(h.message, 'cell')} | ${escapeMessage(h.events.join('\n'), 'cell')} |`),
      ),
    );
  }
  if (prune.failed.length > 0)
    sections.push(
      tableSection(
        'Prune failed',
        ['object', 'error'],
        prune.failed.map((f) => `| ${code(f.ref)} | ${escapeMessage(f.message, 'cell')} |`),
      ),
    );
  if (report.stoppedAt) sections.push(stoppedSection(report.stoppedAt, report.skippedSteps));
  if (report.hooks.length > 0)
    sections.push(
      tableSection(
        'Hooks',
        ['hook', 'when', 'result'],
        report.hooks.map((h) => `| ${code(h.ref)} | ${HOOK_WHEN[h.phase]} | ${hookResult(h)} |`),
      ),
    );
  sections.push(adviceSection({ tally, hooks: report.hooks, pruneFailed: prune.failed.length > 0, commit: context.commit }));
  if (!report.succeeded && !report.prune) sections.push(pruneSkippedSection(tally.unpruned));
  if (applied.length > 0)
    sections.push(
      tableSection(
        'Applied',
        ['action', 'object', 'health'],
        applied.map((a) => `| ${ACTION_LABELS[a.action]} | ${code(a.ref)} | ${healthCell(a.ref)} |`),
        false,
      ),
    );
  if (tally.notAttempted.length > 0)
    sections.push(listSection(`Not attempted: ${tally.notAttempted.length} object(s), the run stopped first`, tally.notAttempted.map(refItem)));
  if (prune.deleted.length > 0) sections.push(listSection('Pruned', prune.deleted.map(refItem)));
  if (prune.retained.length > 0)
    sections.push(
      listSection(
        'Left in place',
        prune.retained.map((r) => `- ${inlineCode(formatRef(r.ref))}: ${escapeMessage(r.reason)}`),
      ),
    );
  return renderSections(sections, context.maxBytes ?? DEFAULT_REPORT_MAX_BYTES);
}
