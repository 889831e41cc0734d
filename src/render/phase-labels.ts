// The one table of what reviewers read for an entry's place in the run, and the order a phased
// plan is listed in (the order of the run; deletions, which prune makes last, at the end).
import type { EntryPhase, Phase } from '../model/phase.js';
import { compareRunOrder } from '../phases/run-order.js';
import type { PlanEntry } from '../model/plan.js';

const PHASE_LABELS: Record<Phase, (p: EntryPhase) => string> = {
  setup: () => 'first: setup',
  'pre-apply': (p) => (p.hook?.runs === false ? 'hook before the rollout: does not run' : 'runs before the rollout'),
  wave: (p) => `wave ${p.wave}`,
  'post-apply': (p) => (p.hook?.runs === false ? 'hook after the rollout: does not run' : 'runs after the rollout'),
};

export function phaseLabel(phase: EntryPhase | undefined): string {
  return phase ? PHASE_LABELS[phase.phase](phase) : '';
}

/** Does the plan use hooks or waves (its entries carry phases)? */
export function isPhasedPlan(entries: readonly PlanEntry[]): boolean {
  return entries.some((e) => e.phase !== undefined);
}

function isLeaving(e: PlanEntry): boolean {
  return e.action === 'delete' || e.action === 'retain';
}

/** Run order, with what leaves the manifests last. */
export function compareListedInRun(a: PlanEntry, b: PlanEntry): number {
  return Number(isLeaving(a)) - Number(isLeaving(b)) || compareRunOrder(a, b);
}
