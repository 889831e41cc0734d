// Merges: load → plan → apply → prune → wait, then report (summary, outputs, merged PR comment).
import * as core from '@actions/core';
import { ConfigurationError, ManifestError } from '../errors.js';
import { GitHubPermissionError } from '../github/octokit-github.js';
import { stickyMarker, upsertStickyComment } from '../github/sticky-comment.js';
import { loadManifests } from '../manifests/manifest-loader.js';
import { registerSecrets } from '../plan/mask-plan.js';
import { renderPlanJson } from '../render/plan-markdown.js';
import { renderApplyMarkdown } from '../report/apply-markdown.js';
import { runApply, type ApplyReport, type CommitOrder } from '../run/apply-run.js';
import type { Settings } from '../settings/settings.js';
import { Outputs } from '../settings/settings.js';
import type { GitHubEvent } from './github-event.js';
import type { ModeDeps } from './plan-mode.js';
import { planFilePath, setPlanOutputs, writePlanFile, writeSummary } from './publish.js';

export async function runApplyMode(settings: Settings, event: GitHubEvent, deps: ModeDeps & { version: string }): Promise<ApplyReport> {
  const { logger } = deps;
  if (!settings.kubeconfig) {
    throw new ConfigurationError("mode apply needs a cluster: set the input 'kubeconfig' (or a KUBECONFIG file).", 'kubeconfig');
  }
  const desired = await logger.group('Load manifests', async () => {
    try {
      return await loadManifests({ workspace: settings.workspace, paths: settings.paths, exclude: settings.exclude, logger,
        onObjects: (objects) => registerSecrets(objects, deps.redactor) });
    } catch (error) {
      if (error instanceof ManifestError) for (const p of error.problems) logger.error(p.message, p.location);
      throw error;
    }
  });
  const github = deps.github;
  const compareCommits = github ? async (base: string, head: string): Promise<CommitOrder> => (await github.compareCommits(base, head)).status : undefined;
  const report = await runApply(desired, {
    target: settings.target, commit: event.sha, namespace: settings.namespace, inventoryNamespace: settings.inventoryNamespace,
    fieldManager: settings.fieldManager, forceConflicts: settings.forceConflicts, prune: settings.prune, pruneDangerous: settings.pruneDangerous,
    concurrency: settings.concurrency, allowEmpty: settings.allowEmpty, adopt: settings.adopt, wait: settings.wait, timeoutMs: settings.timeoutMs,
  }, { client: deps.makeClient(), logger, version: deps.version, now: () => new Date(), redactor: deps.redactor, ...(compareCommits ? { compareCommits } : {}) });

  const planFile = planFilePath(settings.target, deps.env);
  const safe = (text: string): string => deps.redactor.redactString(text);
  writePlanFile(planFile, safe(renderPlanJson(report.planResult.plan)));
  setPlanOutputs(report.planResult.plan, planFile);
  const markdown = safe(renderApplyMarkdown({
    marker: stickyMarker('apply', settings.target), target: settings.target, commit: event.sha,
    entries: report.planResult.plan.entries, applied: report.outcome.applied, failed: report.outcome.failed,
    health: report.health, durationsMs: report.durationsMs, succeeded: report.succeeded,
    ...(report.prune ? { prune: report.prune } : {}),
    ...(report.previousCommit ? { previousCommit: report.previousCommit } : {}),
    ...(event.runUrl ? { runUrl: event.runUrl } : {}),
  }));
  await writeSummary(markdown);
  const url = await commentOnMergedPullRequest(settings, event, deps, markdown);
  if (url) core.setOutput(Outputs.CommentUrl, url);
  return report;
}

async function commentOnMergedPullRequest(settings: Settings, event: GitHubEvent, deps: ModeDeps, body: string): Promise<string | undefined> {
  if (!settings.comment || !deps.github || !event.sha) return undefined;
  try {
    const pulls = await deps.github.pullRequestsForCommit(event.sha);
    const merged = pulls.find((p) => p.mergedAt) ?? pulls[0];
    if (!merged) return undefined;
    const result = await upsertStickyComment(deps.github, { issueNumber: merged.number, marker: stickyMarker('apply', settings.target), body });
    return result.url;
  } catch (error) {
    if (error instanceof GitHubPermissionError) {
      deps.logger.warning('The token cannot comment on the merged pull request; the report is in the job summary.');
      return undefined;
    }
    deps.logger.warning(`Could not comment on the merged pull request: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}
