// The apply report's first word on the review: the plan applied is the one reviewed on the pull
// request, or what differs from it and why, or why it could not be compared. Pure.
import type { ReviewVerdict } from '../review/review-compare.js';
import { actionWord } from './counts-line.js';
import { cellCode, escapeMessage } from '../text/markdown-escape.js';
import type { ReportSection } from './report-sections.js';

/** `succeeded`: the run's one verdict, stated in the heading; this section never contradicts it. */
export function reviewSection(verdict: ReviewVerdict | undefined, succeeded = true): ReportSection {
  if (!verdict) return { head: [], rows: [] };
  const pr = verdict.pullRequest === undefined ? 'the pull request' : `#${verdict.pullRequest}`;
  switch (verdict.matches) {
    case 'true':
      return {
        head: [succeeded ? `✅ Applied the plan reviewed in ${pr}.` : `The plan was the one reviewed in ${pr}; it did not apply fully (below).`, ''],
        rows: [],
      };
    case 'unknown':
      return { head: [`Not compared with a reviewed plan: ${escapeMessage(verdict.reason ?? 'no review was found')}.`, ''], rows: [] };
    case 'false':
      return {
        head: [
          '> [!WARNING]',
          `> **This is not the plan reviewed in ${pr}**: ${escapeMessage(verdict.reason ?? 'the planned changes differ')}. ${succeeded ? 'It was applied anyway' : 'It was started anyway'} (\`on-unreviewed-changes: warn\`).`,
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
