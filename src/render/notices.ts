// The alert blocks both reports show near the top: problems (each at its file:line) and warnings.
import { formatFileLine, type Problem } from '../model/problem.js';
import { escapeMessage, inlineCode } from '../text/markdown-escape.js';

/** One problem as a list item: `` `file:line`: message ``. */
export function problemItem(p: Pick<Problem, 'message' | 'source'>): string {
  return `- ${p.source ? `${inlineCode(formatFileLine(p.source))}: ` : ''}${escapeMessage(p.message)}`;
}

/** A `[!CAUTION]` block: a bold heading, then one line per problem (already cut to fit by the caller). */
export function problemsBlock(heading: string, items: readonly string[]): string[] {
  return ['> [!CAUTION]', `> **${heading}**`, ...items.map((i) => `> ${i}`), ''];
}

/** A `[!WARNING]` block with one line per warning; nothing when there are none. */
export function warningsBlock(warnings: readonly string[]): string[] {
  if (warnings.length === 0) return [];
  return ['> [!WARNING]', ...warnings.map((w) => `> - ${escapeMessage(w)}`), ''];
}
