// The merged pull request's report comment (applied or refused), one per target, and the
// `comment-url` output naming it. A push without a merged pull request, or with comment: false,
// has none; a failure to comment is a warning (the report is in the job summary). A push refused as
// older than a live commit that contains it has none either: its pull request is told it went out
// as part of that commit (went-out-notice.ts), never that its deploy was refused.
import * as core from '@actions/core';
import { getErrorMessage } from '../../model/errors.js';
import { Outputs } from '../../model/inputs-outputs.js';
import { mergedPullRequest } from '../../github/merged-pull-request.js';
import { stickyMarker, upsertStickyComment } from '../../github/sticky-comment.js';
import { COMMENT_MAX_BYTES } from './runner-writes.js';
import { unlessForbidden } from './permission-warning.js';
import { reportMarkdown } from './report-markdown.js';
import type { Surface } from './surface.js';

export const mergedPullRequestReport: Surface = async (report, context) => {
  const { settings, event, deps } = context;
  const { github } = deps;
  if ((report.kind !== 'apply' && report.kind !== 'refused') || !settings.comment || !github || !event.sha) return;
  if (report.kind === 'refused' && report.refusal.wentOutWith) return;
  let url: string | undefined;
  try {
    url = await unlessForbidden(deps.logger, 'The token cannot comment on the merged pull request; the report is in the job summary.', async () => {
      const merged = await mergedPullRequest(github, event.sha);
      if (!merged) return undefined;
      const body = deps.redactor.redactString(reportMarkdown(report, context, COMMENT_MAX_BYTES));
      const result = await upsertStickyComment(github, { issueNumber: merged.number, marker: stickyMarker('apply', settings.target), body });
      if (result.untrusted) deps.logger.warning(`No earlier report comment could be recognised as this token's (${result.untrusted}); posted a new one.`);
      return result.url;
    });
  } catch (error) {
    deps.logger.warning(`Could not comment on the merged pull request: ${getErrorMessage(error)}`);
  }
  if (url) core.setOutput(Outputs.CommentUrl, url);
};
