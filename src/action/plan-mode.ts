// Pull requests: the plan pipeline (src/run/plan-run.ts), then publish: annotations, the plan file,
// the job summary, the step outputs and the sticky comment.
import { checkoutCommit } from '../git/commit-checkout.js';
import { GitHubPermissionError } from '../github/octokit-github.js';
import { stickyMarker, upsertStickyComment } from '../github/sticky-comment.js';
import { logPlanWarnings } from '../plan/plan-warnings.js';
import type { Plan } from '../model/plan.js';
import { renderPlanJson, renderPlanMarkdown } from '../render/plan-markdown.js';
import { formatReviewMarker } from '../review/review-marker.js';
import { reviewRecord } from '../review/review-record.js';
import { runPlan } from '../run/plan-run.js';
import type { Settings } from '../settings/settings.js';
import type { GitHubEvent } from './github-event.js';
import type { ModeDeps } from './mode-deps.js';
import { pullRequestSignatures } from './signing-gate.js';
import { COMMENT_MAX_BYTES, SUMMARY_MAX_BYTES, planFilePath, setDriftedOutput, setPlanOutputs, writePlanFile, writeSummary } from './publish.js';

export interface PlanModeResult {
  plan: Plan;
  commentUrl?: string;
}

export async function runPlanMode(settings: Settings, event: GitHubEvent, deps: ModeDeps): Promise<PlanModeResult> {
  const { plan, loadError, desired } = await runPlan(settings, event.sha, {
    logger: deps.logger,
    redactor: deps.redactor,
    makeClient: deps.makeClient,
    gitFallback: { checkout: checkoutCommit, ...(event.pullRequest ? { baseSha: event.pullRequest.baseSha } : {}) },
  });
  if (plan.basis === 'cluster' && !loadError) logPlanWarnings(plan, deps.logger);
  const signatures = await pullRequestSignatures(settings, event, deps);
  const planFile = planFilePath(settings.target, deps.env);
  const safe = (text: string): string => deps.redactor.redactString(text);
  writePlanFile(planFile, safe(renderPlanJson(plan)));
  const context = {
    marker: stickyMarker('plan', settings.target),
    ...(event.owner && event.sha ? { commitUrl: `${event.serverUrl}/${event.owner}/${event.repo}/commit/${event.sha}` } : {}),
    fullPlanHint: `the job summary of ${event.runUrl ? `[this run](${event.runUrl})` : 'this run'} and its plan-file output`,
    ...(signatures ? { signatures } : {}),
    // What the merge compares its plan with (on-unreviewed-changes), bound to this pull request; plan mode only writes it.
    ...(desired && event.pullRequest ? { hidden: formatReviewMarker(reviewRecord(plan, desired, deps.redactor), event.pullRequest.number) } : {}),
  };
  await writeSummary(safe(renderPlanMarkdown(plan, { ...context, maxBytes: SUMMARY_MAX_BYTES })));
  setPlanOutputs(plan, planFile);
  setDriftedOutput(plan);
  const commentUrl = await postComment(
    settings,
    event,
    deps,
    redactBelowRecord(renderPlanMarkdown(plan, { ...context, maxBytes: COMMENT_MAX_BYTES }), context, safe),
  );
  if (loadError) throw loadError;
  for (const p of plan.problems) deps.logger.error(p.message, p.source);
  return { plan, ...(commentUrl ? { commentUrl } : {}) };
}

/**
 * The marker and the review record lead the comment and hold only what is public (the target's name,
 * the pull request's number, commits, digests): they are left as written, so no Secret value a pull
 * request adds can mask them and blind the merge's review check. Everything below is redacted.
 */
function redactBelowRecord(body: string, context: { hidden?: string }, safe: (text: string) => string): string {
  const kept = context.hidden ? 2 : 1;
  const lines = body.split('\n');
  return [...lines.slice(0, kept), safe(lines.slice(kept).join('\n'))].join('\n');
}

async function postComment(settings: Settings, event: GitHubEvent, deps: ModeDeps, body: string): Promise<string | undefined> {
  if (!settings.comment || !event.pullRequest) return undefined;
  if (!deps.github) {
    deps.logger.warning('No github-token: the plan is in the job summary only.');
    return undefined;
  }
  try {
    const result = await upsertStickyComment(deps.github, { issueNumber: event.pullRequest.number, marker: stickyMarker('plan', settings.target), body });
    if (result.untrusted) deps.logger.warning(`No earlier plan comment could be recognised as this token's (${result.untrusted}); posted a new one.`);
    deps.logger.info(`Plan comment ${result.action}: ${result.url}`);
    return result.url;
  } catch (error) {
    if (error instanceof GitHubPermissionError) {
      deps.logger.warning('The token cannot comment on this pull request (read-only, as for pull requests from forks); the plan is in the job summary.');
      return undefined;
    }
    throw error;
  }
}
