// The alert blocks both reports show near the top: problems (each at its file:line) and warnings.
import { formatLocation } from '../errors.js';
import type { PlanProblem } from '../plan/plan.js';
import { escapeCell, inlineCode } from './markdown-escape.js';

/** One problem as a list item: `` `file:line`: message ``. */
export function problemItem(p: Pick<PlanProblem, 'message' | 'source'>): string {
  return `- ${p.source ? `${inlineCode(formatLocation(p.source))}: ` : ''}${escapeCell(p.message)}`;
}

/** A `[!CAUTION]` block: a bold heading, then one line per problem (already cut to fit by the caller). */
export function problemsBlock(heading: string, items: readonly string[]): string[] {
  return ['> [!CAUTION]', `> **${heading}**`, ...items.map((i) => `> ${i}`), ''];
}

/** A `[!WARNING]` block with one line per warning; nothing when there are none. */
export function warningsBlock(warnings: readonly string[]): string[] {
  if (warnings.length === 0) return [];
  return ['> [!WARNING]', ...warnings.map((w) => `> - ${escapeCell(w)}`), ''];
}
