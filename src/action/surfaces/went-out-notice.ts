// The pull requests a successful apply took out without applying their own commit. GitHub's
// concurrency group keeps one running and one pending run, and a newer pending run cancels the
// older: applying commit C while the live commit is A also deploys every pull request merged
// between A and C, none of which had a run of its own. Each is told so on its own thread, once per
// target (a sticky comment, updated in place on a re-run), with C, C's pull request and the run's
// link; C's own pull request has the apply report instead (merged-pull-request-report.ts). Only
// with `comment: true` and a token. No live commit (a first apply) or a live commit that is not an
// ancestor of C (a revert, a force-push) tells nobody and says so in the log. A range GitHub does
// not list whole, or a comparison that fails, is one warning naming how many pull requests may not
// have been told, never a failure; a token that may not comment is one warning too. A push refused
// as older than the live commit L that contains it (runs outside one concurrency group, serialised
// by the target's Lease: a newer commit applied first) tells its own pull request, under the same
// marker, that it went out as part of L; it has no apply report (merged-pull-request-report.ts).
import { mergedPullRequest } from '../../github/merged-pull-request.js';
import type { GitHubApi } from '../../github/github-port.js';
import { stickyMarker, upsertStickyComment } from '../../github/sticky-comment.js';
import { getErrorMessage } from '../../model/errors.js';
import { inlineCode } from '../../text/markdown-escape.js';
import { unlessForbidden } from './permission-warning.js';
import type { Surface } from './surface.js';

/** The most commits between the live commit and the applied one whose pull requests are looked up. */
export const WENT_OUT_COMMITS_LIMIT = 250;

export const WENT_OUT_FORBIDDEN =
  'The token cannot comment on the pull requests merged since the live commit (it needs `permissions: pull-requests: write`); they were not told they went out.';

export const wentOutNotice: Surface = async (report, context) => {
  const { settings, event, deps } = context;
  const { github, logger } = deps;
  if (report.kind === 'refused' && report.refusal.wentOutWith) return tellOwn(report.refusal.wentOutWith, context);
  if (report.kind !== 'apply' || !report.apply.succeeded || !settings.comment || !github || !event.sha) return;
  const live = report.apply.planResult.plan.liveCommit;
  const applied = event.sha;
  if (!live) {
    logger.info(`No commit was applied to ${settings.target} before ${short(applied)} (a first apply): no pull request merged in between to tell.`);
    return;
  }
  if (live === applied) return;
  let between: string[];
  try {
    const order = await github.compareCommits(live, applied);
    if (order.status !== 'ahead') {
      logger.info(
        `The live commit ${short(live)} is not an ancestor of ${short(applied)} (${order.status}: a revert or a force-push): no pull request is told it went out with it.`,
      );
      return;
    }
    if (order.aheadBy > WENT_OUT_COMMITS_LIMIT) {
      logger.warning(
        `${order.aheadBy} commits lie between the live commit ${short(live)} and ${short(applied)}, more than the ${WENT_OUT_COMMITS_LIMIT} whose pull requests are looked up: up to ${order.aheadBy - 1} pull request(s) merged in between were not told they went out with ${short(applied)}.`,
      );
      return;
    }
    between = await github.listCommitsBetween(live, applied);
  } catch (error) {
    logger.warning(
      `Could not list the commits between the live commit ${short(live)} and ${short(applied)} (${deps.redactor.redactString(getErrorMessage(error))}): an unknown number of pull requests merged in between were not told they went out with ${short(applied)}.`,
    );
    return;
  }
  try {
    await unlessForbidden(logger, WENT_OUT_FORBIDDEN, () => tell(github, between, context));
  } catch (error) {
    logger.warning(`Could not tell the pull requests merged since ${short(live)} that they went out: ${deps.redactor.redactString(getErrorMessage(error))}`);
  }
};

/** A push refused as older than `live`, which contains it: its own pull request went out as part of `live`. */
async function tellOwn(live: string, context: Parameters<Surface>[1]): Promise<void> {
  const { settings, event, deps } = context;
  const { github } = deps;
  if (!settings.comment || !github || !event.sha) return;
  try {
    await unlessForbidden(deps.logger, WENT_OUT_FORBIDDEN, async () => {
      const own = await mergedPullRequest(github, event.sha);
      if (!own) return;
      const liveOwn = await mergedPullRequest(github, live);
      const body = deps.redactor.redactString(supersededBody(settings.target, live, liveOwn?.number, event.sha, event.runUrl));
      const result = await upsertStickyComment(github, { issueNumber: own.number, marker: stickyMarker('went-out', settings.target), body });
      deps.logger.info(`#${own.number} went out to ${settings.target} as part of ${short(live)}: told (${result.action}).`);
    });
  } catch (error) {
    deps.logger.warning(
      `Could not tell the merged pull request that it went out as part of ${short(live)}: ${deps.redactor.redactString(getErrorMessage(error))}`,
    );
  }
}

/** Comments on every pull request merged in `between` other than the applied commit's own. */
async function tell(github: GitHubApi, between: readonly string[], context: Parameters<Surface>[1]): Promise<void> {
  const { settings, event, deps } = context;
  const own = await mergedPullRequest(github, event.sha);
  const told = new Set<number>(own ? [own.number] : []);
  const marker = stickyMarker('went-out', settings.target);
  for (const sha of between) {
    for (const pull of await github.pullRequestsForCommit(sha)) {
      if (!pull.mergedAt || told.has(pull.number)) continue;
      told.add(pull.number);
      const body = deps.redactor.redactString(wentOutBody(settings.target, event.sha, own?.number, event.runUrl));
      const result = await upsertStickyComment(github, { issueNumber: pull.number, marker, body });
      deps.logger.info(`#${pull.number} went out to ${settings.target} as part of ${short(event.sha)}: told (${result.action}).`);
    }
  }
}

/** The notice; every value in it is a commit, a number, a URL of the run or the target's name (escaped as code). */
export function wentOutBody(target: string, applied: string, pull: number | undefined, runUrl: string | undefined): string {
  const part = commitOf(applied, pull);
  const run = runUrl ? `, applied by [this run](<${runUrl}>)` : '';
  return (
    `Went out to ${inlineCode(target)} as part of ${part}${run}: this pull request's own commit was never applied on its own ` +
    "(GitHub's concurrency group kept only the newest pending run)."
  );
}

/** The notice of a push refused as older than `live`, which contains its commit `own`: the same sentence, another reason. */
export function supersededBody(target: string, live: string, pull: number | undefined, own: string, runUrl: string | undefined): string {
  const run = runUrl ? `[this pull request's run](<${runUrl}>)` : "this pull request's run";
  return (
    `Went out to ${inlineCode(target)} as part of ${commitOf(live, pull)}, already live when ${run} came to apply ${inlineCode(short(own))}: ` +
    'a run of a newer commit applied first, so this commit was never applied on its own.'
  );
}

/** A commit as the notices name it: its short sha as code, and its pull request's number when known. */
function commitOf(sha: string, pull: number | undefined): string {
  return `${inlineCode(short(sha))}${pull === undefined ? '' : ` (#${pull})`}`;
}

function short(sha: string): string {
  return sha.slice(0, 7);
}
