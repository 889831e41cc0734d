// The review binding as a write gate (on merge, after planning, before the first write): the plan
// is compared with the one reviewed on the merged pull request (src/review/review-gate.ts).
// `on-unreviewed-changes: fail` refuses a plan that differs, or a merged pull request whose
// reviewed plan cannot be read; `warn` applies it and says so. Once a reviewed plan was read, the
// verdict names who approved this run for the target's environment (`approval`, read once), for the
// report's first line and the refusal. The gate keeps its verdict for the reports (the step output
// matches-review, the report's heading).
import type { GitHubApi } from '../github/github-port.js';
import type { RunApproval } from '../github/run-approval.js';
import type { Logger } from '../model/logger.js';
import { hasChanges } from '../model/plan.js';
import type { DesiredObject } from '../objects/desired-object.js';
import type { SecretRedactor } from '../redaction/secret-redactor.js';
import type { ReviewVerdict } from '../review/review-compare.js';
import { reviewVerdict, unreviewedRefusal } from '../review/review-gate.js';
import type { WriteGate } from '../run/write-gates.js';
import type { RunSettings } from '../settings/settings.js';

export interface ReviewGateContext {
  github?: GitHubApi;
  /** The pushed commit. */
  sha: string;
  desired: readonly DesiredObject[];
  redactor: SecretRedactor;
  logger: Logger;
  /** Who approved this run for the target's environment; asked only once a reviewed plan was read. */
  approval?: () => Promise<RunApproval | undefined>;
}

export interface ReviewWriteGate {
  gate: WriteGate;
  /** The last verdict, once the gate ran (a refusal before it leaves it undefined). */
  verdict: () => ReviewVerdict | undefined;
}

export function reviewWriteGate(settings: Pick<RunSettings, 'onUnreviewedChanges'>, context: ReviewGateContext): ReviewWriteGate {
  let last: ReviewVerdict | undefined;
  const gate: WriteGate = async ({ plan }) => {
    const compared = await reviewVerdict(plan, {
      ...(context.github ? { github: context.github } : {}),
      sha: context.sha,
      desired: context.desired,
      redactor: context.redactor,
    });
    const approval = compared.matches !== 'unknown' ? await context.approval?.() : undefined;
    const verdict = approval ? { ...compared, approval } : compared;
    last = verdict;
    context.logger.info(`Reviewed plan: matches-review ${verdict.matches}${verdict.reason ? ` (${verdict.reason})` : ''}`);
    // A merged pull request without a plan of ours that can be read was not reviewed here: `fail` refuses it too.
    const unreviewedPullRequest = verdict.matches === 'unknown' && verdict.pullRequest !== undefined && hasChanges(plan);
    if (unreviewedPullRequest && settings.onUnreviewedChanges === 'fail') throw unreviewedRefusal(verdict, plan, context.sha);
    if (verdict.matches !== 'false') return;
    if (settings.onUnreviewedChanges === 'fail') throw unreviewedRefusal(verdict, plan, context.sha);
    context.logger.warning(
      `The plan differs from the one reviewed in #${verdict.pullRequest ?? '?'} (${verdict.reason ?? ''}); applying it (on-unreviewed-changes: warn).`,
    );
  };
  return { gate, verdict: () => last };
}
