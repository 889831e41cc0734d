// Scheduled drift checks (schedule, workflow_dispatch): the drift pipeline (src/run/drift-run.ts),
// then publish: the plan file, the outputs, a job summary every run, and the target's one issue.
// Never writes to the cluster.
import * as core from '@actions/core';
import { ConfigurationError } from '../model/errors.js';
import { checkoutCommit } from '../git/commit-checkout.js';
import { syncDriftIssue } from '../github/drift-issue.js';
import { GitHubPermissionError } from '../github/octokit-github.js';
import { stickyMarker } from '../github/sticky-comment.js';
import { logPlanWarnings } from '../plan/plan-warnings.js';
import { driftClosedComment, driftIssueTitle, renderDriftReport } from '../render/drift-report-markdown.js';
import { renderPlanJson } from '../render/plan-markdown.js';
import { runDriftCheck, type DriftRunResult } from '../run/drift-run.js';
import { type Settings } from '../settings/settings.js';
import { Outputs } from '../model/inputs-outputs.js';
import type { GitHubEvent } from './github-event.js';
import type { ModeDeps } from './mode-deps.js';
import { COMMENT_MAX_BYTES, SUMMARY_MAX_BYTES, planFilePath, setDriftedOutput, setPlanOutputs, writePlanFile, writeSummary } from './publish.js';

export async function runDriftMode(settings: Settings, event: GitHubEvent, deps: ModeDeps): Promise<DriftRunResult> {
  if (!settings.kubeconfig) {
    throw new ConfigurationError("mode drift needs a cluster: set the input 'kubeconfig' (or a KUBECONFIG file).", 'kubeconfig');
  }
  const result = await runDriftCheck(settings, event.sha, {
    logger: deps.logger,
    redactor: deps.redactor,
    makeClient: deps.makeClient,
    checkout: checkoutCommit,
  });
  const { plan, loadError } = result;
  if (!loadError) logPlanWarnings(plan, deps.logger);
  const safe = (text: string): string => deps.redactor.redactString(text);
  const planFile = planFilePath(settings.target, deps.env);
  writePlanFile(planFile, safe(renderPlanJson(plan)));
  setPlanOutputs(plan, planFile);
  setDriftedOutput(plan);
  core.setOutput(Outputs.Drift, String(result.differs));
  const view = { marker: stickyMarker('drift', settings.target), live: result.live, ...(event.runUrl ? { runUrl: event.runUrl } : {}) };
  await writeSummary(safe(renderDriftReport(plan, { ...view, maxBytes: SUMMARY_MAX_BYTES })));
  if (!loadError && plan.problems.length === 0)
    await publishIssue(settings, result, deps, safe(renderDriftReport(plan, { ...view, maxBytes: COMMENT_MAX_BYTES })), event.runUrl);
  deps.logger.info(
    result.differs
      ? `The cluster differs from Git: ${result.drifted} object(s) drifted${result.live === 'head' ? '' : `; the branch head is not applied yet (live: ${plan.liveCommit?.slice(0, 7) ?? 'none'})`}.`
      : 'No drift: the cluster matches Git.',
  );
  if (loadError) throw loadError;
  for (const p of plan.problems) deps.logger.error(p.message, p.source);
  return result;
}

async function publishIssue(settings: Settings, result: DriftRunResult, deps: ModeDeps, body: string, runUrl: string | undefined): Promise<void> {
  if (!deps.github) {
    deps.logger.warning('No github-token: the drift check is in the job summary only.');
    return;
  }
  try {
    const synced = await syncDriftIssue(deps.github, {
      target: settings.target,
      differs: result.differs,
      title: driftIssueTitle(settings.target),
      body,
      closingComment: driftClosedComment(result.plan, runUrl),
    });
    if (synced.untrusted) deps.logger.warning(`No drift issue could be recognised as this token's (${synced.untrusted}).`);
    if (synced.issue) deps.logger.info(`Drift issue #${synced.issue.number} ${synced.action}: ${synced.issue.url}`);
  } catch (error) {
    if (!(error instanceof GitHubPermissionError)) throw error;
    deps.logger.warning('The token cannot write issues (it needs `issues: write`); the drift check is in the job summary.');
  }
}
