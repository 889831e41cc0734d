// One target of `plan --all` as the fleet reads it: its plan (or why it could not be planned) as the
// plan file the Action's step would write (the plan and its `run` record, redacted: src/action/
// surfaces/plan-file.ts), read back in memory through the fleet's own reader, so the grouped view
// and `-o json` show exactly what a fleet comment would. A target whose cluster or context fails is
// a plan of that one line, with `run.failure` ("not planned: <reason>"); the others still plan.
import { cliManifestsWording, failureLine } from '../assembly/failure-line.js';
import type { PlanFile } from '../fleet/plan-file-read.js';
import { readPlanFileText } from '../fleet/plan-file-shape.js';
import type { PlanFileRun } from '../model/plan-file-run.js';
import type { Plan } from '../model/plan.js';
import { renderPlanJson } from '../render/plan-markdown.js';
import type { Engine } from '../run/engine.js';
import { reportPlan, type RunReport } from '../run/run-report.js';
import { VERSION } from '../version.js';
import { planReport } from './cli-plan.js';
import { checkoutHead } from './cli-run.js';

export interface TargetPlanFile {
  /** The plan file's text (JSON, redacted). */
  text: string;
  /** The same, read back as the fleet reads plan files; a `why` only if it does not read (a fault of ours). */
  file: PlanFile | { path: string; why: string };
}

/** Plans the engine's target as `plan` does; never throws: a failure is the plan file's `run.failure`. */
export async function targetPlanFile(engine: Engine): Promise<TargetPlanFile> {
  const { settings, redactor } = engine;
  let commit = '';
  let plan: Plan;
  let run: PlanFileRun;
  try {
    const head = await checkoutHead(engine);
    commit = head.commit;
    const report = await planReport(engine, head.commit, head.dirty);
    plan = reportPlan(report, settings.target, head.commit);
    run = runRecord(report.kind, engine, report.kind === 'drift' ? report.drift.differs : undefined);
  } catch (error) {
    const line = failureLine(error, cliManifestsWording, redactor);
    plan = { target: settings.target, commit, basis: 'cluster', entries: [], warnings: [], problems: [{ message: line }] };
    run = { ...runRecord(commit ? 'drift' : 'plan', engine), failure: line };
  }
  const text = redactor.redactString(renderPlanJson(plan, run));
  const content = readPlanFileText(text);
  return { text, file: { path: settings.target, ...content } };
}

/** What the plan file says of its run, as a plan or drift step's `run` record does. */
function runRecord(kind: RunReport['kind'], engine: Engine, drifted?: boolean): PlanFileRun {
  const { settings } = engine;
  return {
    report: kind,
    version: VERSION,
    namespace: settings.namespace,
    ...(settings.environment ? { environment: settings.environment } : {}),
    ...(drifted === undefined ? {} : { drifted }),
  };
}
