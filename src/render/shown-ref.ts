// The identity reports show: an entry's display decision (mask-plan.ts) over its real ref, so a
// name or namespace that would reveal a Secret value reads `(name hidden)` everywhere it is shown.
import { refKey, type ObjectRef } from '../objects/object-ref.js';
import type { PlanEntry } from '../plan/plan.js';

export function shownRef(e: Pick<PlanEntry, 'ref' | 'display'>): ObjectRef {
  return e.display ? { ...e.ref, ...e.display } : e.ref;
}

/** Looks up what to show for refs that apply, prune and health report, from the plan's entries. */
export function shownRefs(entries: readonly PlanEntry[]): (ref: ObjectRef) => ObjectRef {
  const shown = new Map(entries.filter((e) => e.display).map((e) => [refKey(e.ref), shownRef(e)]));
  return (ref) => shown.get(refKey(ref)) ?? ref;
}
