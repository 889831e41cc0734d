// The job summary: the whole report at the summary's budget, redacted.
import { SUMMARY_MAX_BYTES, writeSummary } from './runner-writes.js';
import { reportMarkdown } from './report-markdown.js';
import type { Surface } from './surface.js';

export const stepSummary: Surface = async (report, context) => {
  await writeSummary(context.deps.redactor.redactString(reportMarkdown(report, context, SUMMARY_MAX_BYTES)));
};
