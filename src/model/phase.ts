// The phase/wave vocabulary: when in a run an object is applied.
// A run applies the setup phase (Namespaces, CRDs, the change's configuration objects), then each
// pre-apply hook to completion, then the waves in ascending order (each healthy before the next),
// then the post-apply hooks; prune comes last, in the reverse order.

export type HookPhase = 'pre-apply' | 'post-apply';
export type Phase = 'setup' | 'pre-apply' | 'wave' | 'post-apply';
export type DeletePolicy = 'before-hook-creation' | 'hook-succeeded' | 'hook-failed';

/** The order phases run in. */
export const PHASE_ORDER: readonly Phase[] = ['setup', 'pre-apply', 'wave', 'post-apply'];

export interface Placement {
  phase: Phase;
  /** The wave; for hooks their order among the hooks of their phase (lower first). */
  wave: number;
  /** Hooks only: when the hook object is deleted (before-hook-creation always holds). */
  deletePolicies?: DeletePolicy[];
  /** Said in the plan about the placement (a wave that does not apply to this kind). */
  note?: string;
}

/** Whether and why a hook runs on this merge. */
export interface HookDecision {
  runs: boolean;
  reason: string;
}

/** What the plan says of an entry's place in the run. */
export interface EntryPhase extends Placement {
  hook?: HookDecision;
}

export function isHookPhase(phase: Phase): phase is HookPhase {
  return phase === 'pre-apply' || phase === 'post-apply';
}
