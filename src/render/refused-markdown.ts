// The report of a refused push for the job summary and the merged pull request: one outcome line
// (nothing was applied), then why, each problem at its file and line, the plan's counts and
// warnings when a plan was made. A push refused as older than a live commit that contains it opens
// with "Already live" instead: its change went out as part of that commit.
import { countActions } from '../model/plan.js';
import { countsLine } from './counts-line.js';
import { escapeText } from '../text/markdown-escape.js';
import { DEFAULT_REPORT_MAX_BYTES } from './apply-markdown.js';
import { problemsSection, warningsSection } from './notice-sections.js';
import { wentOutLine, type Refusal } from '../model/refusal.js';
import { renderSections, type ReportSection } from './report-sections.js';

export interface RefusedReportView {
  marker: string;
  target: string;
  commit: string;
  refusal: Refusal;
  runUrl?: string;
  /** UTF-8 byte budget (DEFAULT_REPORT_MAX_BYTES unless given). */
  maxBytes?: number;
}

function headSection(view: RefusedReportView): ReportSection {
  const { plan } = view.refusal;
  const lines = [
    view.marker,
    `## kube-gitops apply of \`${view.commit.slice(0, 7)}\` to **${escapeText(view.target)}**`,
    '',
    view.refusal.wentOutWith ? `⏭️ **Already live**: ${escapeText(wentOutLine(view.refusal.wentOutWith))}` : refusedLine(view.refusal.problems.length),
    '',
  ];
  if (plan) lines.push(`The plan: ${countsLine(countActions(plan.entries), 'planned')}`, '');
  if (view.runUrl) lines.push(`[Workflow run](${view.runUrl})`, '');
  return { head: lines, rows: [] };
}

/** The report's one outcome line: refused before the first write, so nothing changed. */
function refusedLine(problems: number): string {
  const why = problems === 1 ? 'the problem below' : `the ${problems} problems below`;
  return `⛔ **Nothing was applied**: refused before the first write because of ${why}; the cluster is as it was before this run.`;
}

export function renderRefusedMarkdown(view: RefusedReportView): string {
  const { problems, plan } = view.refusal;
  const heading = problems.length === 1 ? 'Refused because:' : `Refused because of ${problems.length} problems:`;
  return renderSections(
    [headSection(view), problemsSection(heading, problems), warningsSection(plan?.warnings ?? [])],
    view.maxBytes ?? DEFAULT_REPORT_MAX_BYTES,
  );
}
