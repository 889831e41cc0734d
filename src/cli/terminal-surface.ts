// The terminal as a surface: a run's report (src/run/run-report.ts) on stdout and stderr, and the
// exit code it makes (0 done, 1 problems or a failed apply, 2 changes with plan --exit-code). The
// plan goes to stdout for a terminal, as the PR comment (markdown) or as the plan file (json);
// what an apply did goes to stderr. A refusal is not shown here: it fails the command with its line.
import { stickyMarker } from '../github/sticky-comment.js';
import { countDrifted, hasChanges, type Plan } from '../model/plan.js';
import { formatRef } from '../objects/object-ref.js';
import { scheduledWording } from '../render/drift-markdown.js';
import { renderPlanJson, renderPlanMarkdown } from '../render/plan-markdown.js';
import { renderPlanTerminal } from '../render/plan-terminal.js';
import type { ApplyReport } from '../run/apply-run.js';
import type { Engine } from '../run/engine.js';
import { loadErrorOf, type RunReport } from '../run/run-report.js';
import { escapeTerminalValue } from '../text/terminal-text.js';
import type { CliIo } from './cli-io.js';

/** What the Action posts as a comment stays under GitHub's limit; `--output markdown` prints the same. */
export const COMMENT_MAX_BYTES = 65_000;
export const PLAN_OUTPUTS = ['terminal', 'markdown', 'json'] as const;
export type PlanOutput = (typeof PLAN_OUTPUTS)[number];

export interface TerminalOptions {
  /** How the plan is printed. */
  output: PlanOutput;
  /** plan --exit-code: changes exit 2. */
  exitCode: boolean;
  /** --diff: every object's diff, or (auto) only the risky ones' in a large plan. */
  diffs?: 'all' | 'auto';
}

/** Shows the report; returns the exit code. A load that failed or a refusal is thrown (the dispatcher words it). */
export function showOnTerminal(report: RunReport, io: CliIo, engine: Pick<Engine, 'logger' | 'redactor'>, options: TerminalOptions): number {
  const loadError = loadErrorOf(report);
  if (loadError) throw loadError;
  switch (report.kind) {
    case 'plan':
    case 'drift': {
      const plan = report.kind === 'plan' ? report.plan : report.drift.plan;
      io.stdout(engine.redactor.redactString(renderPlanFor(plan, options.output, io.color, options.diffs)));
      if (plan.problems.length > 0) {
        for (const p of plan.problems) engine.logger.error(p.message, p.source);
        return 1;
      }
      return options.exitCode && hasChanges(plan) ? 2 : 0;
    }
    case 'apply':
      return showApplied(report.apply, io, engine);
    case 'refused':
      throw new Error('a refused apply is thrown as its refusal, never shown as a report');
  }
}

export function renderPlanFor(plan: Plan, output: PlanOutput, color: boolean, diffs: 'all' | 'auto' = 'auto'): string {
  switch (output) {
    case 'terminal':
      return renderPlanTerminal(plan, { color, diffs });
    case 'markdown':
      return renderPlanMarkdown(plan, {
        marker: stickyMarker('plan', plan.target),
        maxBytes: COMMENT_MAX_BYTES,
        // Drift here is against the live commit, as a drift check words it (not a pull request's base).
        ...(countDrifted(plan.entries) > 0 ? { drift: scheduledWording(plan.liveCommit) } : {}),
      });
    case 'json':
      return renderPlanJson(plan);
  }
}

/** What was written, pruned and found unhealthy; after Ctrl-C, what was applied before it (nothing is pruned). */
function showApplied(report: ApplyReport, io: CliIo, engine: Pick<Engine, 'logger'>): number {
  const { outcome } = report;
  if (io.signal.aborted) {
    io.stderr(`Interrupted: ${outcome.applied.length} object(s) applied, ${outcome.failed.length} not; nothing was pruned.\n`);
    for (const a of outcome.applied) io.stderr(`  applied ${escapeTerminalValue(formatRef(a.ref))}\n`);
    return 1;
  }
  for (const f of outcome.failed) engine.logger.error(f.message);
  const unhealthy = report.health.filter((h) => h.state !== 'healthy');
  io.stderr(
    `${report.succeeded ? 'Applied' : 'Failed'}: ${outcome.applied.length} written, ${report.prune?.deleted.length ?? 0} pruned, ${unhealthy.length} not healthy.\n`,
  );
  return report.succeeded ? 0 : 1;
}
