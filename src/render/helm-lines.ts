// The line a plan report shows when charts were rendered: the helm version and the Capabilities,
// and for a git plan whether base and head were rendered with the same ones.
import type { Plan } from '../model/plan.js';
import { MARKDOWN, type TextFormat } from './text-format.js';

/** The sentence, or undefined when no chart was rendered. */
export function helmSentence(plan: Plan, f: TextFormat): string | undefined {
  const h = plan.helm;
  if (!h) return undefined;
  const base =
    h.sameCapabilitiesForBase === undefined
      ? ''
      : h.sameCapabilitiesForBase
        ? '; the base and the head with the same Capabilities, so their diff holds no rendering noise'
        : '; the base with other Capabilities than the head, so their diff may show rendering noise';
  return `Helm charts rendered by helm ${f.code(h.helmVersion)} with ${f.text(h.capabilities)}${base}.`;
}

/** The comment's paragraph (and its blank line), or none. */
export function helmLines(plan: Plan): string[] {
  const sentence = helmSentence(plan, MARKDOWN);
  return sentence === undefined ? [] : [sentence, ''];
}
