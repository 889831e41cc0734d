// The order of a phased run as pure functions of the plan entries: the steps to take (setup, each
// pre-apply hook, each wave, each post-apply hook) and the order prune deletes in (its reverse).
import { compareForApply, compareForPrune } from '../objects/kind-order.js';
import type { PlanEntry } from '../model/plan.js';
import { PHASE_ORDER, type EntryPhase, type HookPhase } from '../model/phase.js';

/** One step of a phased run: a group applied together (then waited healthy), or one hook run to completion. */
export type RunStep<T> = { kind: 'apply'; phase: 'setup' | 'wave'; wave: number; items: T[] } | { kind: 'hook'; phase: HookPhase; item: T };

/** Entries without a phase (a plan that uses none) sit in wave 0. */
const DEFAULT_PHASE: EntryPhase = { phase: 'wave', wave: 0 };

function phaseOf(entry: PlanEntry): EntryPhase {
  return entry.phase ?? DEFAULT_PHASE;
}

/** Does this entry write in the apply steps (prune and retained objects do not)? */
function writes(entry: PlanEntry): boolean {
  return entry.action === 'create' || entry.action === 'update' || entry.action === 'replace';
}

/** Phase, then wave (hook order), then kind order, then namespace and name. */
export function compareRunOrder(a: PlanEntry, b: PlanEntry): number {
  const pa = phaseOf(a);
  const pb = phaseOf(b);
  return PHASE_ORDER.indexOf(pa.phase) - PHASE_ORDER.indexOf(pb.phase) || pa.wave - pb.wave || compareForApply(a.ref, b.ref);
}

/** Prune order: the reverse of the run (post-apply hooks, waves from the last, pre-apply hooks, setup), kinds reversed inside. */
export function comparePruneOrder(a: PlanEntry, b: PlanEntry): number {
  const pa = phaseOf(a);
  const pb = phaseOf(b);
  return PHASE_ORDER.indexOf(pb.phase) - PHASE_ORDER.indexOf(pa.phase) || pb.wave - pa.wave || compareForPrune(a.ref, b.ref);
}

/** The steps of a run, in order; hooks that do not run on this merge and entries that write nothing are left out. */
export function runSteps<T extends { entry: PlanEntry }>(items: readonly T[]): RunStep<T>[] {
  const work = items.filter((i) => writes(i.entry)).sort((a, b) => compareRunOrder(a.entry, b.entry));
  const steps: RunStep<T>[] = [];
  for (const item of work) {
    const p = phaseOf(item.entry);
    if (p.phase === 'pre-apply' || p.phase === 'post-apply') {
      steps.push({ kind: 'hook', phase: p.phase, item });
      continue;
    }
    const last = steps.at(-1);
    if (last?.kind === 'apply' && last.phase === p.phase && last.wave === p.wave) last.items.push(item);
    else steps.push({ kind: 'apply', phase: p.phase, wave: p.wave, items: [item] });
  }
  return steps;
}

/** How logs and reports name a step. */
export function stepLabel<T extends { entry: PlanEntry }>(step: RunStep<T>, format: (entry: PlanEntry) => string): string {
  if (step.kind === 'hook') return `${step.phase} hook ${format(step.item.entry)}`;
  return step.phase === 'setup' ? 'setup (Namespaces, CRDs, configuration)' : `wave ${step.wave}`;
}
