// What a push leaves behind, applied or refused: the plan file, step outputs, annotations, the job
// summary and the merged pull request's report comment. Every text passes through the run's redactor.
import * as core from '@actions/core';
import { GitHubPermissionError } from '../github/octokit-github.js';
import { mergedPullRequest } from '../github/merged-pull-request.js';
import { stickyMarker, upsertStickyComment } from '../github/sticky-comment.js';
import type { Plan } from '../model/plan.js';
import type { ReviewVerdict } from '../review/review-compare.js';
import { renderPlanJson } from '../render/plan-markdown.js';
import { renderApplyMarkdown, type ApplyReportView } from '../render/apply-markdown.js';
import { renderRefusedMarkdown } from '../render/refused-markdown.js';
import { isAnnotated, type Refusal } from '../model/refusal.js';
import type { ApplyReport } from '../run/apply-run.js';
import type { Settings } from '../settings/settings.js';
import { Outputs } from '../model/inputs-outputs.js';
import type { GitHubEvent } from './github-event.js';
import type { ModeDeps } from './mode-deps.js';
import { COMMENT_MAX_BYTES, SUMMARY_MAX_BYTES, planFilePath, setPlanFileOutput, setPlanOutputs, writePlanFile, writeSummary } from './publish.js';

/** Renders one report at a byte budget (the summary's, then the comment's). */
type ReportRenderer = (maxBytes: number) => string;

export async function publishApplyReport(report: ApplyReport, settings: Settings, event: GitHubEvent, deps: ModeDeps, review?: ReviewVerdict): Promise<void> {
  const { plan } = report.planResult;
  publishPlanFile(plan, settings, deps, true);
  const view: ApplyReportView = {
    marker: stickyMarker('apply', settings.target),
    target: settings.target,
    commit: event.sha,
    entries: plan.entries,
    applied: report.outcome.applied,
    failed: report.outcome.failed,
    warnings: plan.warnings,
    health: report.health,
    durationsMs: report.durationsMs,
    succeeded: report.succeeded,
    hooks: report.hooks,
    skippedSteps: report.skippedSteps,
    ...(report.stoppedAt ? { stoppedAt: report.stoppedAt } : {}),
    ...(report.prune ? { prune: report.prune } : {}),
    ...(report.previousCommit ? { previousCommit: report.previousCommit } : {}),
    ...(event.runUrl ? { runUrl: event.runUrl } : {}),
    ...(review ? { review } : {}),
  };
  await publishReport((maxBytes) => renderApplyMarkdown({ ...view, maxBytes }), settings, event, deps);
}

/** A refused push: nothing was written, and the report says why, problem by problem. */
export async function publishRefusal(refusal: Refusal, settings: Settings, event: GitHubEvent, deps: ModeDeps): Promise<void> {
  const plan: Plan = refusal.plan ?? {
    target: settings.target,
    commit: event.sha,
    basis: 'cluster',
    entries: [],
    warnings: [],
    problems: [...refusal.problems],
  };
  publishPlanFile(plan, settings, deps, refusal.plan !== undefined);
  for (const p of refusal.problems) {
    if (isAnnotated(refusal, p)) deps.logger.error(p.message, p.source);
  }
  const view = {
    marker: stickyMarker('apply', settings.target),
    target: settings.target,
    commit: event.sha,
    refusal,
    ...(event.runUrl ? { runUrl: event.runUrl } : {}),
  };
  await publishReport((maxBytes) => renderRefusedMarkdown({ ...view, maxBytes }), settings, event, deps);
}

/** The plan file, always; the plan's counts only when a plan was made. */
function publishPlanFile(plan: Plan, settings: Settings, deps: ModeDeps, withCounts: boolean): void {
  const planFile = planFilePath(settings.target, deps.env);
  writePlanFile(planFile, deps.redactor.redactString(renderPlanJson(plan)));
  if (withCounts) setPlanOutputs(plan, planFile);
  else setPlanFileOutput(planFile);
}

async function publishReport(render: ReportRenderer, settings: Settings, event: GitHubEvent, deps: ModeDeps): Promise<void> {
  const safe = (text: string): string => deps.redactor.redactString(text);
  await writeSummary(safe(render(SUMMARY_MAX_BYTES)));
  const url = await commentOnMergedPullRequest(settings, event, deps, () => safe(render(COMMENT_MAX_BYTES)));
  if (url) core.setOutput(Outputs.CommentUrl, url);
}

async function commentOnMergedPullRequest(settings: Settings, event: GitHubEvent, deps: ModeDeps, body: () => string): Promise<string | undefined> {
  if (!settings.comment || !deps.github || !event.sha) return undefined;
  try {
    const merged = await mergedPullRequest(deps.github, event.sha);
    if (!merged) return undefined;
    const result = await upsertStickyComment(deps.github, { issueNumber: merged.number, marker: stickyMarker('apply', settings.target), body: body() });
    if (result.untrusted) deps.logger.warning(`No earlier report comment could be recognised as this token's (${result.untrusted}); posted a new one.`);
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
