// The apply report's first word on the review: the plan applied is the one reviewed on the pull
// request (and who approved the run for the environment, as GitHub names them), or what differs
// from it and why, or why it could not be compared. Pure. The approver's login and comment are data:
// escaped as text, so no mention notifies and no markup or HTML is made.
import type { RunApproval } from '../github/run-approval.js';
import type { ReviewVerdict } from '../review/review-compare.js';
import { actionWord } from './counts-line.js';
import { cellCode, escapeMessage, escapeText } from '../text/markdown-escape.js';
import type { ReportSection } from './report-sections.js';

/** `succeeded`: the run's one verdict, stated in the heading; this section never contradicts it. */
export function reviewSection(verdict: ReviewVerdict | undefined, succeeded = true): ReportSection {
  if (!verdict) return { head: [], rows: [] };
  const pr = verdict.pullRequest === undefined ? 'the pull request' : `#${verdict.pullRequest}`;
  switch (verdict.matches) {
    case 'true':
      return {
        head: [
          succeeded
            ? `✅ Applied the plan reviewed in ${pr}${verdict.approval ? ` as ${approvedBy(verdict.approval)}` : ''}.`
            : `The plan was the one reviewed in ${pr}${verdict.approval ? ` as ${approvedBy(verdict.approval)}` : ''}; it did not apply fully (below).`,
          '',
          ...approvalComment(verdict.approval, ''),
        ],
        rows: [],
      };
    case 'unknown':
      return { head: [`Not compared with a reviewed plan: ${escapeMessage(verdict.reason ?? 'no review was found')}.`, ''], rows: [] };
    case 'false':
      return {
        head: [
          '> [!WARNING]',
          `> **This is not the plan reviewed in ${pr}**: ${escapeMessage(verdict.reason ?? 'the planned changes differ')}. ${succeeded ? 'It was applied anyway' : 'It was started anyway'} (\`on-unreviewed-changes: warn\`)${verdict.approval ? `; the run was ${approvedBy(verdict.approval)}` : ''}.`,
          ...approvalComment(verdict.approval, '> '),
          '',
          ...(verdict.differences.length > 0 ? ['| object | reviewed | applied | why |', '| --- | --- | --- | --- |'] : []),
        ],
        rows: verdict.differences.map(
          (d) =>
            `| ${d.object ? cellCode(d.object) : 'an object only the review planned'} | ${actionWord(d.reviewed, 'planned')} | ${actionWord(d.planned, 'planned')} | ${escapeMessage(d.why, 'cell')} |`,
        ),
        tail: [''],
        more: (n) => `\n…and ${n} more object(s); the workflow log lists them all.`,
      };
  }
}

/** The longest approval comment shown; the rest is on the run's page. */
const MAX_COMMENT_CHARS = 300;

/** `approved by **login** for environment **env**`, both as text. */
function approvedBy(approval: RunApproval): string {
  return `approved by **${escapeText(approval.login)}** for environment **${escapeText(approval.environment)}**`;
}

/** The approver's comment, as text on one line (cut at MAX_COMMENT_CHARS), after `prefix`; nothing when empty. */
function approvalComment(approval: RunApproval | undefined, prefix: string): string[] {
  const text = (approval?.comment ?? '').replace(/\s+/g, ' ').trim();
  if (text === '') return [];
  const chars = Array.from(text);
  const shown = chars.length > MAX_COMMENT_CHARS ? `${chars.slice(0, MAX_COMMENT_CHARS - 1).join('')}…` : text;
  return [`${prefix}The approver's comment: ${escapeText(shown)}`, ...(prefix === '' ? [''] : [])];
}
