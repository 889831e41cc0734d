// The pull request's sticky plan comment (one per target, updated in place). Its marker and review
// record lead it and hold only what is public (the target's name, the pull request's number,
// commits, digests): they are left as written, so no Secret value a pull request adds can mask them
// and blind the merge's review check. Everything below is redacted.
import { stickyMarker, upsertStickyComment } from '../../github/sticky-comment.js';
import { COMMENT_MAX_BYTES } from './runner-writes.js';
import { unlessForbidden } from './permission-warning.js';
import { reportMarkdown } from './report-markdown.js';
import type { Surface } from './surface.js';

export const pullRequestComment: Surface = async (report, context) => {
  const { settings, event, deps } = context;
  if (report.kind !== 'plan' || !settings.comment || !event.pullRequest) return;
  const { github } = deps;
  if (!github) {
    deps.logger.warning('No github-token: the plan is in the job summary only.');
    return;
  }
  const issueNumber = event.pullRequest.number;
  const body = redactBelowRecord(reportMarkdown(report, context, COMMENT_MAX_BYTES), report.reviewMarker !== undefined, (text) =>
    deps.redactor.redactString(text),
  );
  await unlessForbidden(
    deps.logger,
    'The token cannot comment on this pull request (read-only, as for pull requests from forks); the plan is in the job summary.',
    async () => {
      const result = await upsertStickyComment(github, { issueNumber, marker: stickyMarker('plan', settings.target), body });
      if (result.untrusted) deps.logger.warning(`No earlier plan comment could be recognised as this token's (${result.untrusted}); posted a new one.`);
      deps.logger.info(`Plan comment ${result.action}: ${result.url}`);
    },
  );
};

function redactBelowRecord(body: string, hasRecord: boolean, safe: (text: string) => string): string {
  const kept = hasRecord ? 2 : 1;
  const lines = body.split('\n');
  return [...lines.slice(0, kept), safe(lines.slice(kept).join('\n'))].join('\n');
}
