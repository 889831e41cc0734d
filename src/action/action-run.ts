// The Action's run once assembled: pick the mode from the event, run it on the target, and say in
// one line why the step fails when it does.
import * as core from '@actions/core';
import type { AssembledRun } from '../assembly/assemble-run.js';
import { onlyTarget } from '../assembly/assemble-run.js';
import { createGitHubApi } from '../github/octokit-github.js';
import { runApplyMode } from './apply-mode.js';
import { runDriftMode } from './drift-mode.js';
import { resolveMode, type GitHubEvent } from './github-event.js';
import { runPlanMode } from './plan-mode.js';
import { runPreviewMode } from './preview-mode.js';
import { runPreviewSweep } from './preview-sweep.js';
import type { ApplyReport } from '../run/apply-run.js';
import { VERSION } from '../version.js';
import { runFleetMode } from './fleet-mode.js';
import { runTargetsMode } from './targets-mode.js';

export async function runActionMode(run: AssembledRun, event: GitHubEvent, env: NodeJS.ProcessEnv): Promise<void> {
  const engine = onlyTarget(run);
  const { settings } = engine;
  const mode = resolveMode(settings.mode, event);
  const what =
    mode === 'targets' ? "targets: the fleet's matrix" : mode === 'fleet' ? "fleet: the fleet's plans gathered" : `${mode} for target '${settings.target}'`;
  run.logger.info(`kube-gitops ${VERSION}: ${what} at ${event.sha.slice(0, 7) || 'unknown commit'}`);
  const token = run.config.run.githubToken;
  const github = token && event.owner ? createGitHubApi({ token, owner: event.owner, repo: event.repo, apiUrl: event.apiUrl }) : undefined;
  const deps = { ...engine, env, ...(github ? { github } : {}) };
  if (mode === 'targets') {
    await runTargetsMode(run.config.run, event, deps);
  } else if (mode === 'fleet') {
    await runFleetMode(run.config.run, event, deps);
  } else if (mode === 'drift') {
    const { plan, differs } = (await runDriftMode(settings, event, deps)).drift;
    if (plan.problems.length > 0) core.setFailed(`${plan.problems.length} problem(s) must be fixed; see the annotations and the job summary.`);
    else if (differs && settings.failOnDrift) core.setFailed('The cluster differs from Git (fail-on-drift: true); see the drift issue and the job summary.');
  } else if (mode === 'preview') {
    const { status } = await runPreviewMode(settings, event, deps);
    if (status === 'failed' || status === 'unhealthy')
      core.setFailed(`The preview ${status === 'failed' ? 'failed to apply' : 'did not become healthy'}; see the job summary and the preview comment.`);
  } else if (mode === 'preview-sweep') {
    const { failure } = await runPreviewSweep(settings, event, deps);
    if (failure) core.setFailed(failure);
  } else if (mode === 'plan') {
    const { plan } = await runPlanMode(settings, event, deps);
    if (plan.problems.length > 0) core.setFailed(`${plan.problems.length} problem(s) must be fixed; see the annotations and the plan comment.`);
  } else {
    const report = await runApplyMode(settings, event, deps);
    if (report.kind === 'apply' && !report.apply.succeeded) core.setFailed(failureSummary(report.apply));
  }
}

function failureSummary(report: ApplyReport): string {
  const applyFailed = report.outcome.failed.length;
  const pruneFailed = report.prune?.failed.length ?? 0;
  const unhealthy = report.health.filter((h) => h.state !== 'healthy').length;
  if (applyFailed > 0) return `${applyFailed} object(s) failed to apply; nothing was pruned. See the job summary.`;
  if (pruneFailed > 0) return `${pruneFailed} object(s) could not be pruned. See the job summary.`;
  return `${unhealthy} object(s) did not become healthy. See the job summary.`;
}
