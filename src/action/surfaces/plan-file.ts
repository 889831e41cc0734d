// The plan file (the `plan-file` output names it): the report's plan as JSON, redacted, readable
// only by the runner's user, with what the step says of it (`run`, src/model/plan-file-run.ts) for
// the fleet step that gathers the matrix jobs' plan files. A push refused before planning writes a
// plan of only its problems.
import type { PlanFileRun } from '../../model/plan-file-run.js';
import { outcomeText } from '../../render/apply-outcome.js';
import { renderPlanJson } from '../../render/plan-markdown.js';
import { reportPlan, type RunReport } from '../../run/run-report.js';
import { VERSION } from '../../version.js';
import { planFilePath, setPlanFileOutput, writePlanFile } from './runner-writes.js';
import type { Plan } from '../../model/plan.js';
import type { Surface, SurfaceContext } from './surface.js';

export const planFile: Surface = (report, context) => {
  const { settings, event, deps } = context;
  const plan = reportPlan(report, settings.target, event.sha);
  writePlanFile(planFilePath(settings.target, deps.env), deps.redactor.redactString(renderPlanJson(plan, planFileRun(report, context))));
};

/** The plan file of a step that failed before it could plan: no entries, its one line as the problem and as `run.failure`. */
export function writeFailurePlanFile(line: string, kind: 'plan' | 'drift', context: SurfaceContext): void {
  const { settings, event, deps } = context;
  const plan: Plan = { target: settings.target, commit: event.sha, basis: 'cluster', entries: [], warnings: [], problems: [{ message: line }] };
  const run: PlanFileRun = { ...planFileRun({ kind: 'plan', plan }, context), report: kind, failure: line };
  writePlanFile(planFilePath(settings.target, deps.env), deps.redactor.redactString(renderPlanJson(plan, run)));
  setPlanFileOutput(planFilePath(settings.target, deps.env));
}

/** What the step says of its plan. */
export function planFileRun(report: RunReport, { settings, event }: SurfaceContext): PlanFileRun {
  return {
    report: report.kind,
    version: VERSION,
    namespace: settings.namespace,
    ...(event.pullRequest ? { pullRequest: event.pullRequest.number } : {}),
    ...(report.kind === 'plan' && report.reviewMarker ? { review: report.reviewMarker } : {}),
    ...(event.runUrl ? { runUrl: event.runUrl } : {}),
    ...(settings.environment ? { environment: settings.environment } : {}),
    ...(report.kind === 'drift' ? { drifted: report.drift.differs } : {}),
    ...(report.kind === 'apply' ? { succeeded: report.apply.succeeded, outcome: outcomeText(report.apply) } : {}),
    ...(settings.rollout ? { ring: settings.rollout.ring } : {}),
  };
}
