// Scheduled drift checks (schedule, workflow_dispatch): the drift pipeline (src/run/drift-run.ts)
// as one report, then the drift mode's surfaces (surfaces/mode-surfaces.ts): the plan file, the
// outputs, a job summary every run, the target's one issue, the verdict in the log. Never writes
// to the cluster.
import { ConfigurationError } from '../model/errors.js';
import { checkoutCommit, fetchedCommit } from '../git/commit-checkout.js';
import { logPlanWarnings } from '../plan/plan-warnings.js';
import { runDriftCheck } from '../run/drift-run.js';
import type { DriftRunReport } from '../run/run-report.js';
import type { Settings } from '../settings/settings.js';
import type { GitHubEvent } from './github-event.js';
import type { ModeDeps } from './mode-deps.js';
import { publishReport } from './surfaces/mode-surfaces.js';
import { writeFailurePlanFile } from './surfaces/plan-file.js';
import { actionManifestsWording, failureLine } from '../assembly/failure-line.js';

export async function runDriftMode(settings: Settings, event: GitHubEvent, deps: ModeDeps): Promise<DriftRunReport> {
  let drift: DriftRunReport['drift'];
  try {
    if (!settings.kubeconfig) {
      throw new ConfigurationError("mode drift needs a cluster: set the input 'kubeconfig' (or a KUBECONFIG file).", 'kubeconfig');
    }
    drift = await runDriftCheck(settings, event.sha, {
      logger: deps.logger,
      redactor: deps.redactor,
      makeClient: deps.makeClient,
      checkout: checkoutCommit,
      present: fetchedCommit,
    });
  } catch (error) {
    // The fleet's drift summary names a target whose check could not run, and why.
    writeFailurePlanFile(failureLine(error, actionManifestsWording, deps.redactor), 'drift', { settings, event, deps });
    throw error;
  }
  if (!drift.loadError) logPlanWarnings(drift.plan, deps.logger);
  return publishReport({ kind: 'drift', drift }, { settings, event, deps });
}
