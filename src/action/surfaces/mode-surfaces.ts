// Which surfaces show each kind of report, in order: the table a new surface (a Deployment status,
// a Check Run) is added to, one line per kind it shows. Once published, a load that failed or a
// refused push fails the step with its one line, unless it was refused as older than a live commit
// that contains it (its change went out as part of that commit: nothing to fix, nothing failed).
import { ConfigurationError } from '../../model/errors.js';
import { refusalLine } from '../../model/refusal.js';
import { loadErrorOf, type RunReport } from '../../run/run-report.js';
import { deploymentStatus } from './deployment-status.js';
import { driftIssue } from './drift-issue.js';
import { mergedPullRequestReport } from './merged-pull-request-report.js';
import { planFile } from './plan-file.js';
import { pullRequestComment } from './pull-request-comment.js';
import { pullRequestLabels } from './pull-request-labels.js';
import { runLog } from './run-log.js';
import { stepOutputs } from './step-outputs.js';
import { stepSummary } from './step-summary.js';
import type { Surface, SurfaceContext } from './surface.js';
import { wentOutNotice } from './went-out-notice.js';

export const MODE_SURFACES: Readonly<Record<RunReport['kind'], readonly Surface[]>> = {
  plan: [planFile, stepSummary, stepOutputs, pullRequestComment, pullRequestLabels, runLog],
  apply: [stepOutputs, planFile, stepSummary, deploymentStatus, mergedPullRequestReport, wentOutNotice],
  refused: [stepOutputs, planFile, runLog, stepSummary, deploymentStatus, mergedPullRequestReport, wentOutNotice],
  drift: [planFile, stepOutputs, stepSummary, driftIssue, runLog],
};

/** Shows the report on each of its surfaces; then throws what fails the step (a load that failed, a refusal). */
export async function publishReport<R extends RunReport>(report: R, context: SurfaceContext): Promise<R> {
  for (const surface of MODE_SURFACES[report.kind]) await surface(report, context);
  const loadError = loadErrorOf(report);
  if (loadError) throw loadError;
  if (report.kind === 'refused' && !report.refusal.wentOutWith) throw new ConfigurationError(refusalLine(report.refusal), report.refusal.input);
  return report;
}
