// The report as Markdown at a byte budget (the job summary's, a comment's): the plan comment, the
// apply report, the refusal, or the drift report. Not redacted here: each surface redacts what it
// publishes (the plan comment keeps its first lines as written).
import { stickyMarker } from '../../github/sticky-comment.js';
import { renderApplyMarkdown } from '../../render/apply-markdown.js';
import { renderDriftReport } from '../../render/drift-report-markdown.js';
import { renderPlanMarkdown } from '../../render/plan-markdown.js';
import { renderRefusedMarkdown } from '../../render/refused-markdown.js';
import type { PlanRunReport, RunReport } from '../../run/run-report.js';
import type { SurfaceContext } from './surface.js';

export function reportMarkdown(report: RunReport, context: SurfaceContext, maxBytes: number): string {
  const { settings, event } = context;
  const runUrl = event.runUrl ? { runUrl: event.runUrl } : {};
  switch (report.kind) {
    case 'plan':
      return renderPlanMarkdown(report.plan, { ...planContext(report, context), maxBytes });
    case 'apply':
      return renderApplyMarkdown(report.apply, {
        marker: stickyMarker('apply', settings.target),
        target: settings.target,
        commit: event.sha,
        ...runUrl,
        ...(report.review ? { review: report.review } : {}),
        maxBytes,
      });
    case 'refused':
      return renderRefusedMarkdown({
        marker: stickyMarker('apply', settings.target),
        target: settings.target,
        commit: event.sha,
        refusal: report.refusal,
        ...runUrl,
        maxBytes,
      });
    case 'drift':
      return renderDriftReport(report.drift.plan, { marker: stickyMarker('drift', settings.target), live: report.drift.live, ...runUrl, maxBytes });
  }
}

/** What the plan comment says besides the plan: where the full plan is, the commit, signatures, the review record. */
function planContext(report: PlanRunReport, { settings, event }: SurfaceContext) {
  return {
    marker: stickyMarker('plan', settings.target),
    ...(event.owner && event.sha ? { commitUrl: `${event.serverUrl}/${event.owner}/${event.repo}/commit/${event.sha}` } : {}),
    fullPlanHint: `the job summary of ${event.runUrl ? `[this run](${event.runUrl})` : 'this run'} and its plan-file output`,
    ...(event.runUrl ? { runUrl: event.runUrl } : {}),
    ...(report.signatures ? { signatures: report.signatures } : {}),
    ...(report.reviewMarker ? { hidden: report.reviewMarker } : {}),
  };
}
