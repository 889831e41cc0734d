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

/** GitHub rejects comment bodies over 65,536 characters; the default keeps the UTF-8 size below it. */
export const DEFAULT_REPORT_MAX_BYTES = 65_000;

export interface ApplyReportView {
  marker: string;
  target: string;
  commit: string;
  previousCommit?: string;
  entries: readonly PlanEntry[];
  applied: readonly AppliedObject[];
  failed: readonly FailedObject[];
  prune?: PruneOutcome;
  health: readonly HealthResult[];
  durationsMs: { plan: number; apply: number; prune: number; wait: number };
  succeeded: boolean;
  runUrl?: string;
  /** The plan's warnings (ignored namespace, field conflicts, recorded kinds no longer served), as plan mode shows them. */
  warnings?: readonly string[];
  /** The hooks run, in order. */
  hooks?: readonly HookResult[];
  /** The step of a phased run that stopped it, and the steps not started after it. */
  stoppedAt?: string;
  skippedSteps?: readonly string[];
  /** The plan compared with the one reviewed on the merged pull request. */
  review?: ReviewVerdict;
  /** UTF-8 byte budget (DEFAULT_REPORT_MAX_BYTES unless given). */
  maxBytes?: number;
}

/** What the run did: created/updated/replaced as applied, deleted as pruned, the rest as planned. */
function doneCounts(view: ApplyReportView): ActionCounts {
  const counts = { ...countActions(view.entries), create: 0, update: 0, replace: 0, delete: view.prune?.deleted.length ?? 0 };
  for (const a of view.applied) if (a.action === 'create' || a.action === 'update' || a.action === 'replace') counts[a.action] += 1;
  return counts;
}

function headSection(view: ApplyReportView): ReportSection {
  const short = view.commit.slice(0, 7);
  const d = view.durationsMs;
  const lines = [
    view.marker,
    view.succeeded
      ? `## ✅ kube-gitops applied \`${short}\` to **${escapeText(view.target)}**`
      : `## ❌ kube-gitops failed to apply \`${short}\` to **${escapeText(view.target)}**`,
    '',
  ];
  lines.push(
    `${countsLine(doneCounts(view), 'done')} · plan ${formatDuration(d.plan)} · apply ${formatDuration(d.apply)} · prune ${formatDuration(d.prune)} · wait ${formatDuration(d.wait)}`,
  );
  if (view.previousCommit && view.previousCommit !== view.commit) lines.push('', `Previously live: \`${view.previousCommit.slice(0, 7)}\`.`);
  if (view.runUrl) lines.push('', `[Workflow run](${view.runUrl})`);
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

function listSection(title: string, items: readonly string[]): ReportSection {
  return {
    head: [`<details><summary>${title}</summary>`, ''],
    rows: items,
    tail: ['', '</details>', ''],
    more: (n) => `- …and ${n} more; the workflow log lists them all.`,
  };
}

function rollbackSection(commit: string): ReportSection {
  return {
    head: [
      'To roll back, revert the commit and push the revert to the default branch; the next run restores the previous state:',
      '',
      '```sh',
      `git revert ${commit}`,
      '```',
      '',
    ],
    rows: [],
  };
}

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
  return { head: [`The run stopped at ${escapeText(stoppedAt)}, and nothing was pruned.${later}`, ''], rows: [] };
}

export function renderApplyMarkdown(view: ApplyReportView): string {
  const code = (ref: ObjectRef): string => cellCode(formatRef(ref));
  const health = new Map(view.health.map((h) => [refKey(h.ref), h]));
  const healthCell = (ref: ObjectRef): string => {
    const h = health.get(refKey(ref));
    if (!h) return 'not waited for';
    return h.state === 'healthy' ? `healthy in ${formatDuration(h.durationMs)}` : h.state;
  };
  const unhealthy = view.health.filter((h) => h.state !== 'healthy');
  const prune = view.prune ?? { deleted: [], failed: [], retained: [] };
  const sections: ReportSection[] = [headSection(view), reviewSection(view.review, view.succeeded), warningsSection(view.warnings ?? [])];
  if (view.failed.length > 0)
    sections.push(
      tableSection(
        'Apply failed — nothing was pruned',
        ['object', 'error'],
        view.failed.map((f) => `| ${code(f.ref)} | ${escapeMessage(f.message, 'cell')} |`),
      ),
    );
  if (unhealthy.length > 0) {
    sections.push(
      tableSection(
        'Not healthy',
        ['object', 'state', 'why', 'latest events'],
        unhealthy.map((h) => `| ${code(h.ref)} | ${h.state} | ${escapeMessage(h.message, 'cell')} | ${escapeMessage(h.events.join('\n'), 'cell')} |`),
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
  if (view.stoppedAt) sections.push(stoppedSection(view.stoppedAt, view.skippedSteps ?? []));
  if ((view.hooks ?? []).length > 0)
    sections.push(
      tableSection(
        'Hooks',
        ['hook', 'when', 'result'],
        (view.hooks ?? []).map((h) => `| ${code(h.ref)} | ${HOOK_WHEN[h.phase]} | ${hookResult(h)} |`),
      ),
    );
  if (!view.succeeded) sections.push(rollbackSection(view.commit));
  if (view.applied.length > 0)
    sections.push(
      tableSection(
        'Applied',
        ['action', 'object', 'health'],
        view.applied.map((a) => `| ${ACTION_LABELS[a.action]} | ${code(a.ref)} | ${healthCell(a.ref)} |`),
        false,
      ),
    );
  if (prune.deleted.length > 0)
    sections.push(
      listSection(
        'Pruned',
        prune.deleted.map((r) => `- ${inlineCode(formatRef(r))}`),
      ),
    );
  if (prune.retained.length > 0)
    sections.push(
      listSection(
        'Left in place',
        prune.retained.map((r) => `- ${inlineCode(formatRef(r.ref))}: ${escapeMessage(r.reason)}`),
      ),
    );
  return renderSections(sections, view.maxBytes ?? DEFAULT_REPORT_MAX_BYTES);
}
