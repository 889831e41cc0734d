// A report as sections in priority order, fitted to a byte budget: each section's rows are cut
// (with a note saying how many and where the rest is) once the budget runs short, so what matters
// most — the headline, failures, problems — is always there and the report always fits.
import { byteSize, fitBytes } from './byte-budget.js';

export interface ReportSection {
  /** Lines kept whole (a heading, a table head); the section is left out when they do not fit. */
  head: readonly string[];
  rows: readonly string[];
  /** Lines after the rows (closing a details block). */
  tail?: readonly string[];
  /** The line that stands for rows left out. */
  more?: (cut: number) => string;
}

/** Room kept for the notes of cut sections and the closing newline. */
const RESERVE_BYTES = 400;

const size = (lines: readonly string[]): number => lines.reduce((n, l) => n + byteSize(l) + 1, 0);

function fitSection(s: ReportSection, budget: number): string[] {
  const tail = s.tail ?? [];
  const fixed = size(s.head) + size(tail);
  if (fixed > budget) return [];
  const kept: string[] = [];
  let used = fixed;
  for (const row of s.rows) {
    if (used + byteSize(row) + 1 > budget) break;
    kept.push(row);
    used += byteSize(row) + 1;
  }
  const cut = s.rows.length - kept.length;
  const more = cut > 0 ? [s.more ? s.more(cut) : `…and ${cut} more.`] : [];
  return [...s.head, ...kept, ...more, ...tail];
}

/** The sections joined, each cut to what is left of `maxBytes`; ends with a newline. */
export function renderSections(sections: readonly ReportSection[], maxBytes: number): string {
  let budget = maxBytes - RESERVE_BYTES;
  const out: string[] = [];
  for (const s of sections) {
    const lines = fitSection(s, budget);
    budget -= size(lines);
    out.push(...lines);
  }
  return fitBytes(`${out.join('\n')}\n`, maxBytes);
}
