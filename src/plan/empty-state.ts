// An empty set of manifests would delete everything the target owns: the plan and the apply refuse
// it in the same words unless allow-empty is true (a path that went wrong looks exactly like this).
import type { Problem } from '../model/problem.js';

/** The refusal of an empty desired state, as the plan lists it and the apply throws it; undefined when allowed. */
export function emptyStateProblem(desiredCount: number, ownedCount: number, allowEmpty: boolean): Problem | undefined {
  if (desiredCount > 0 || allowEmpty) return undefined;
  const owned = ownedCount > 0 ? `all ${ownedCount} object(s) this target owns` : 'everything this target owns';
  return { message: `The manifests are empty, which would prune ${owned}. Set allow-empty: true if that is what you want.`, code: 'empty-state' };
}
