// Pull requests: the plan pipeline (src/run/plan-run.ts), the pull request's signatures and the
// review record the merge will compare with, as one report; then the plan mode's surfaces
// (surfaces/mode-surfaces.ts): the plan file, the job summary, the outputs, the sticky comment,
// the annotations.
import { checkoutCommit, fetchedCommit } from '../git/commit-checkout.js';
import { logPlanWarnings } from '../plan/plan-warnings.js';
import { formatReviewMarker } from '../review/review-marker.js';
import { reviewRecord } from '../review/review-record.js';
import { runPlan } from '../run/plan-run.js';
import type { PlanRunReport } from '../run/run-report.js';
import type { Settings } from '../settings/settings.js';
import type { GitHubEvent } from './github-event.js';
import type { ModeDeps } from './mode-deps.js';
import { pullRequestSignatures } from './signing-gate.js';
import { publishReport } from './surfaces/mode-surfaces.js';
import { writeFailurePlanFile } from './surfaces/plan-file.js';
import { actionManifestsWording, failureLine } from '../assembly/failure-line.js';

export async function runPlanMode(settings: Settings, event: GitHubEvent, deps: ModeDeps): Promise<PlanRunReport> {
  let report: PlanRunReport;
  try {
    report = await planReport(settings, event, deps);
  } catch (error) {
    // A step that cannot plan (a kubeconfig that does not work, a cluster that refuses the token)
    // still leaves a plan file saying why, so the fleet's comment names the target and the reason.
    writeFailurePlanFile(failureLine(error, actionManifestsWording, deps.redactor), 'plan', { settings, event, deps });
    throw error;
  }
  return publishReport(report, { settings, event, deps });
}

async function planReport(settings: Settings, event: GitHubEvent, deps: ModeDeps): Promise<PlanRunReport> {
  const { plan, loadError, desired } = await runPlan(settings, event.sha, {
    logger: deps.logger,
    redactor: deps.redactor,
    makeClient: deps.makeClient,
    gitFallback: { checkout: checkoutCommit, present: fetchedCommit, ...(event.pullRequest ? { baseSha: event.pullRequest.baseSha } : {}) },
  });
  if (plan.basis === 'cluster' && !loadError) logPlanWarnings(plan, deps.logger);
  const signatures = await pullRequestSignatures(settings, event, deps);
  return {
    kind: 'plan',
    plan,
    ...(loadError ? { loadError } : {}),
    ...(desired ? { desired } : {}),
    ...(signatures ? { signatures } : {}),
    // What the merge compares its plan with (on-unreviewed-changes), bound to this pull request; plan mode only writes it.
    ...(desired && event.pullRequest ? { reviewMarker: formatReviewMarker(reviewRecord(plan, desired, deps.redactor), event.pullRequest.number) } : {}),
  };
}
