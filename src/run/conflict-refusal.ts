// A field-manager conflict is known at the dry-run: with force-conflicts false the apply of that
// object would fail, after the objects before it in the order were written and with the prune
// skipped. So a plan with conflicts is refused before the first write, like an invalid manifest:
// one problem per object, at its file and line, naming each field and the manager that owns it.
import { formatRef } from '../objects/object-ref.js';
import type { Plan, PlanEntry } from '../model/plan.js';
import type { Problem } from '../model/problem.js';
import { Inputs } from '../model/inputs-outputs.js';
import { ApplyRefusedError } from '../model/apply-refused.js';

/** Throws an {@link ApplyRefusedError} listing every conflicting object; returns when there is none. */
export function refuseConflicts(plan: Plan): void {
  const conflicting = plan.entries.filter((e) => e.conflicts.length > 0);
  if (conflicting.length === 0) return;
  const problems = conflicting.map(conflictProblem);
  const message = `Nothing was applied: ${conflicting.length} object(s) have fields owned by another field manager, so their apply would fail (${conflicting.map((e) => formatRef(e.ref)).join(', ')}).`;
  throw new ApplyRefusedError(message, { problems, plan, input: Inputs.ForceConflicts });
}

function conflictProblem(e: PlanEntry): Problem {
  const owned = e.conflicts.map((c) => `${c.field} (owned by ${c.manager})`).join(', ');
  return {
    message: `${formatRef(e.ref)}: ${owned} would conflict with the apply. Set force-conflicts: true to take these fields over, or undo the other manager's change (a hand edit: revert it, or commit the same value).`,
    ref: e.ref,
    ...(e.source ? { source: e.source } : {}),
  };
}
