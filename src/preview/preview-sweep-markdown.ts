// The sweep's report: a counts line, then one row per namespace the label selector found, with what
// the sweep did and why (`swept: pull request #12 was closed`, `live: …`, `left alone: …`). Names and
// reasons are data (another repository's annotation is quoted in them): every cell is escaped. The
// table stops short of the byte budget and says how many rows it left out. Pure.
import { byteSize, linesWithin } from '../render/byte-budget.js';
import { cellCode, escapeText } from '../text/markdown-escape.js';

export type SweepOutcome = 'swept' | 'live' | 'unreadable' | 'failed' | 'alone';

/** One namespace the sweep found, and what it did with it. */
export interface SweepRow {
  namespace: string;
  outcome: SweepOutcome;
  why: string;
}

const LABELS: Record<SweepOutcome, string> = {
  swept: 'swept',
  live: 'live',
  unreadable: 'kept (pull request unreadable)',
  failed: 'removal failed',
  alone: 'left alone',
};

export function sweepMarkdown(rows: readonly SweepRow[], maxBytes: number): string {
  const count = (o: SweepOutcome) => rows.filter((r) => r.outcome === o).length;
  const counts = (Object.keys(LABELS) as SweepOutcome[]).map((o) => `${count(o)} ${LABELS[o]}`).join(' · ');
  const head = ['### Preview sweep', '', rows.length === 0 ? 'No namespace carries the preview label.' : counts, ''];
  if (rows.length === 0) return head.join('\n');
  const sorted = [...rows].sort((a, b) => a.namespace.localeCompare(b.namespace));
  const body = sorted.map((r) => `| ${cellCode(r.namespace)} | ${escapeText(`${LABELS[r.outcome]}: ${r.why}`)} |`);
  const table = ['| Namespace | Outcome |', '| --- | --- |'];
  const budget = maxBytes - byteSize([...head, ...table].join('\n')) - 200;
  const { kept, cut } = linesWithin(body, budget);
  return [...head, ...table, ...kept, ...(cut > 0 ? ['', `…and ${cut} more namespace(s); see the log.`] : []), ''].join('\n');
}
