// The sweep's report to the runner: the job summary (src/preview/preview-sweep-markdown.ts, through
// the run's redactor) and the outputs `swept` (the namespaces removed) and `kept` (this
// repository's previews left in place: live, or their pull request unreadable), each a JSON list.
import * as core from '@actions/core';
import { Outputs } from '../../model/inputs-outputs.js';
import { sweepMarkdown, type SweepRow } from '../../preview/preview-sweep-markdown.js';
import type { ModeDeps } from '../mode-deps.js';
import { SUMMARY_MAX_BYTES, writeSummary } from './runner-writes.js';

export async function reportSweep(rows: readonly SweepRow[], deps: Pick<ModeDeps, 'redactor'>): Promise<void> {
  const names = (...outcomes: SweepRow['outcome'][]) => JSON.stringify(rows.filter((r) => outcomes.includes(r.outcome)).map((r) => r.namespace));
  core.setOutput(Outputs.Swept, names('swept'));
  core.setOutput(Outputs.Kept, names('live', 'unreadable', 'failed'));
  await writeSummary(deps.redactor.redactString(sweepMarkdown(rows, SUMMARY_MAX_BYTES)));
}
