// One report per run, whatever the mode: a pull request's plan, an apply, a push refused before
// the first write, a drift check. Refusals are values here, not exceptions carrying state. Every
// surface (the plan file, the step outputs, the summary, the comments, the drift issue, the log,
// the terminal) renders what it shows from this report alone.
import type { ManifestError } from '../model/errors.js';
import type { Plan } from '../model/plan.js';
import type { Refusal } from '../model/refusal.js';
import type { DesiredObject } from '../objects/desired-object.js';
import type { ReviewVerdict } from '../review/review-compare.js';
import type { SignatureCheck } from '../signing/pull-request-check.js';
import type { ApplyReport } from './apply-run.js';
import type { DriftRunResult } from './drift-run.js';

export interface PlanRunReport {
  kind: 'plan';
  plan: Plan;
  /** The manifests did not load (each problem was logged at its file and line). */
  loadError?: ManifestError;
  desired?: DesiredObject[];
  /** On a pull request with verify-commits: would its merge be refused? */
  signatures?: SignatureCheck;
  /** The review record the merge compares its plan with (public data only), bound to the pull request. */
  reviewMarker?: string;
}

export interface AppliedRunReport {
  kind: 'apply';
  apply: ApplyReport;
  /** The plan compared with the one reviewed, once the review gate ran. */
  review?: ReviewVerdict;
}

export interface RefusedRunReport {
  kind: 'refused';
  refusal: Refusal;
  review?: ReviewVerdict;
}

export interface DriftRunReport {
  kind: 'drift';
  drift: DriftRunResult;
}

export type RunReport = PlanRunReport | AppliedRunReport | RefusedRunReport | DriftRunReport;

/** The plan a report holds; a push refused before planning: a plan of only its problems. */
export function reportPlan(report: RunReport, target: string, commit: string): Plan {
  switch (report.kind) {
    case 'plan':
      return report.plan;
    case 'apply':
      return report.apply.planResult.plan;
    case 'refused':
      return report.refusal.plan ?? { target, commit, basis: 'cluster', entries: [], warnings: [], problems: [...report.refusal.problems] };
    case 'drift':
      return report.drift.plan;
  }
}

/** The manifests did not load: the step fails with the load's error once the report is published. */
export function loadErrorOf(report: RunReport): ManifestError | undefined {
  return report.kind === 'plan' ? report.loadError : report.kind === 'drift' ? report.drift.loadError : undefined;
}
