// A drift check's issue: one per target, opened or updated while the cluster differs, closed with
// a comment once it matches again. Not touched when the manifests do not load or have problems.
import { syncDriftIssue } from '../../github/drift-issue.js';
import { driftClosedComment, driftIssueTitle } from '../../render/drift-report-markdown.js';
import { COMMENT_MAX_BYTES } from './runner-writes.js';
import { unlessForbidden } from './permission-warning.js';
import { reportMarkdown } from './report-markdown.js';
import type { Surface } from './surface.js';

export const driftIssue: Surface = async (report, context) => {
  const { settings, event, deps } = context;
  if (report.kind !== 'drift' || report.drift.loadError || report.drift.plan.problems.length > 0) return;
  const { github } = deps;
  if (!github) {
    deps.logger.warning('No github-token: the drift check is in the job summary only.');
    return;
  }
  const { drift } = report;
  const body = deps.redactor.redactString(reportMarkdown(report, context, COMMENT_MAX_BYTES));
  await unlessForbidden(deps.logger, 'The token cannot write issues (it needs `issues: write`); the drift check is in the job summary.', async () => {
    const synced = await syncDriftIssue(github, {
      target: settings.target,
      differs: drift.differs,
      title: driftIssueTitle(settings.target),
      body,
      closingComment: driftClosedComment(drift.plan, event.runUrl),
    });
    if (synced.untrusted) deps.logger.warning(`No drift issue could be recognised as this token's (${synced.untrusted}).`);
    if (synced.issue) deps.logger.info(`Drift issue #${synced.issue.number} ${synced.action}: ${synced.issue.url}`);
  });
};
