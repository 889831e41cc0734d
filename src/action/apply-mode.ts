// Merges: the signature gate → load → the gate on what the load read → plan → the review check →
// apply → prune → wait, then report (summary, outputs, merged PR comment). A refusal (invalid
// manifests, plan problems, an empty set, an older commit, a plan that differs from the reviewed
// one under on-unreviewed-changes: fail) is reported as fully as an apply, then fails the step
// with one short line.
import { hasChanges } from '../model/plan.js';
import { ConfigurationError } from '../model/errors.js';
import { reviewVerdict, unreviewedRefusal } from '../review/review-gate.js';
import type { ReviewVerdict } from '../review/review-compare.js';
import { refusalLine, refusalOf } from '../model/refusal.js';
import { applySettingsOf } from '../run/engine-settings.js';
import { verbDeps } from '../run/engine.js';
import { runApply, type ApplyReport, type CommitOrder } from '../run/apply-run.js';
import { liveCapabilities } from '../run/live-capabilities.js';
import { loadWithReads } from '../run/load-stage.js';
import type { Settings } from '../settings/settings.js';
import { publishApplyReport, publishRefusal } from './apply-publish.js';
import type { GitHubEvent } from './github-event.js';
import type { ApplyModeDeps } from './mode-deps.js';
import { signatureGate } from '../assembly/signature-gate.js';
import { setReviewOutput } from './publish.js';

/** What the review check found, once planning got that far. */
interface ReviewSlot {
  verdict?: ReviewVerdict;
}

export async function runApplyMode(settings: Settings, event: GitHubEvent, deps: ApplyModeDeps): Promise<ApplyReport> {
  if (!settings.kubeconfig) {
    throw new ConfigurationError("mode apply needs a cluster: set the input 'kubeconfig' (or a KUBECONFIG file).", 'kubeconfig');
  }
  const review: ReviewSlot = {};
  let report: ApplyReport;
  try {
    report = await loadAndApply(settings, event, deps, review);
  } catch (error) {
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    setReviewOutput(review.verdict);
    await publishRefusal(refusal, settings, event, deps);
    throw new ConfigurationError(refusalLine(refusal), refusal.input);
  }
  setReviewOutput(review.verdict);
  await publishApplyReport(report, settings, event, deps, review.verdict);
  return report;
}

async function loadAndApply(settings: Settings, event: GitHubEvent, deps: ApplyModeDeps, review: ReviewSlot): Promise<ApplyReport> {
  const { logger } = deps;
  const gate = signatureGate(settings, { commit: event.sha, env: deps.env, logger, ...(deps.github ? { github: deps.github } : {}) });
  await gate?.beforeLoad();
  const { objects: desired, reads } = await logger.group('Load manifests', () =>
    loadWithReads(settings, logger, deps.redactor, liveCapabilities(deps.makeClient, logger)),
  );
  await gate?.afterLoad(reads);
  const github = deps.github;
  const compareCommits = github ? async (base: string, head: string): Promise<CommitOrder> => (await github.compareCommits(base, head)).status : undefined;
  const checkReview = async (plan: Parameters<typeof reviewVerdict>[0]): Promise<void> => {
    const verdict = await reviewVerdict(plan, { ...(github ? { github } : {}), sha: event.sha, desired, redactor: deps.redactor });
    review.verdict = verdict;
    logger.info(`Reviewed plan: matches-review ${verdict.matches}${verdict.reason ? ` (${verdict.reason})` : ''}`);
    // A merged pull request without a plan of ours that can be read was not reviewed here: `fail` refuses it too.
    const unreviewedPullRequest = verdict.matches === 'unknown' && verdict.pullRequest !== undefined && hasChanges(plan);
    if (unreviewedPullRequest && settings.onUnreviewedChanges === 'fail') throw unreviewedRefusal(verdict, plan, event.sha);
    if (verdict.matches !== 'false') return;
    if (settings.onUnreviewedChanges === 'fail') throw unreviewedRefusal(verdict, plan, event.sha);
    logger.warning(
      `The plan differs from the one reviewed in #${verdict.pullRequest ?? '?'} (${verdict.reason ?? ''}); applying it (on-unreviewed-changes: warn).`,
    );
  };
  return runApply(desired, applySettingsOf(settings, event.sha), {
    ...verbDeps(deps),
    beforeWrite: checkReview,
    lease: { holder: event.runUrl ?? `a GitHub Actions run of ${event.owner}/${event.repo} at ${event.sha.slice(0, 7)}` },
    ...(compareCommits ? { compareCommits } : {}),
    ...(gate ? { verifyCommits: gate.afterPlan } : {}),
  });
}
