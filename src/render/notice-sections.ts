// The plan's problems and warnings as report sections: the same blocks as the plan comment, with
// the list cut to the budget and a note saying where the rest is.
import type { Problem } from '../model/problem.js';
import { problemItem, problemsBlock, warningsBlock } from './notices.js';
import type { ReportSection } from './report-sections.js';

export function warningsSection(warnings: readonly string[]): ReportSection {
  const block = warningsBlock(warnings);
  if (block.length === 0) return { head: [], rows: [] };
  return { head: block.slice(0, 1), rows: block.slice(1, -1), tail: [''], more: (n) => `> - …and ${n} more warning(s) in the workflow log.` };
}

export function problemsSection(heading: string, problems: readonly Problem[]): ReportSection {
  const block = problemsBlock(heading, []);
  return {
    head: block.slice(0, 2),
    rows: problems.map((p) => `> ${problemItem(p)}`),
    tail: [''],
    more: (n) => `> - …and ${n} more; the annotations of this run list them all.`,
  };
}
