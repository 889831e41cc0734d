// The line a plan report shows when charts were rendered: the helm version and the Capabilities,
// and for a git plan whether base and head were rendered with the same ones.
import type { Plan } from '../plan/plan.js';
import { escapeCell, inlineCode } from './markdown-escape.js';

export function helmLines(plan: Plan): string[] {
  const h = plan.helm;
  if (!h) return [];
  const base =
    h.sameCapabilitiesForBase === undefined
      ? ''
      : h.sameCapabilitiesForBase
        ? '; the base and the head with the same Capabilities, so their diff holds no rendering noise'
        : '; the base with other Capabilities than the head, so their diff may show rendering noise';
  return [`Helm charts rendered by helm ${inlineCode(h.helmVersion)} with ${escapeCell(h.capabilities)}${base}.`, ''];
}
