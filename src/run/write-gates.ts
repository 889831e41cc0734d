// The checks between the plan and the first write, as one list run in order: the commit order
// guard (always first), then what the front end adds (the signatures since the live commit, the
// review binding, the confirmation). A gate refuses by throwing an ApplyRefusedError; nothing has
// been written when one does, not even the target's lease. After a re-plan under the lease every
// gate runs again.
import type { Inventory } from '../inventory/applyset.js';
import { ApplyRefusedError } from '../model/apply-refused.js';
import type { Logger } from '../model/logger.js';
import type { Plan } from '../model/plan.js';
import type { CommitGate } from '../signing/commit-gate.js';

/** What a gate looks at: the plan about to be applied and the inventory it was planned against. */
export interface GateContext {
  plan: Plan;
  inventory: Inventory;
  /** The commit being applied. */
  commit: string;
}

/** Returns to let the apply go on; throws an ApplyRefusedError to refuse it. */
export type WriteGate = (context: GateContext) => Promise<void>;

/** How a recorded commit relates to the one being applied (GitHub compare API semantics). */
export type CommitOrder = 'ahead' | 'behind' | 'identical' | 'diverged';

/** Compares the live commit (base) with ours (head). */
export type CompareCommits = (base: string, head: string) => Promise<CommitOrder>;

export async function runGates(gates: readonly WriteGate[], context: GateContext): Promise<void> {
  for (const gate of gates) await gate(context);
}

/**
 * An older commit than the live one is refused (an older run finishing last), naming the live
 * commit it went out with; a diverged one is applied with a warning. Without a way to compare (no GitHub API), it says so and applies.
 */
export function commitOrderGate(compareCommits: CompareCommits | undefined, logger: Logger): WriteGate {
  return async ({ inventory, commit, plan }) => {
    const live = inventory.appliedCommit;
    if (!live || live === commit) return;
    if (!compareCommits) {
      logger.warning(`Cannot check that ${short(commit)} is newer than the live commit ${short(live)} (no GitHub API access); applying anyway.`);
      return;
    }
    const order = await compareCommits(live, commit);
    if (order === 'behind') {
      const message = `Refusing to apply ${short(commit)}: it is older than ${short(live)}, which is already live (an older run finishing last?). Re-run the newest workflow run instead, or revert with a new commit.`;
      // GitHub's compare API: `behind` means the live commit contains ours, so our change is live.
      throw new ApplyRefusedError(message, { problems: [{ message, code: 'refusal' }], plan, wentOutWith: live });
    }
    if (order === 'diverged') logger.warning(`${short(commit)} and the live commit ${short(live)} have diverged (a force push?); applying ${short(commit)}.`);
  };
}

/** The signature gate's last check: every commit since the live one (verify-commits-since-live). */
export function signaturesSinceLiveGate(gate: CommitGate): WriteGate {
  return ({ inventory, plan }) => gate.afterPlan(inventory.appliedCommit, plan);
}

/** Asks (the CLI shows the plan and asks on a terminal); false writes nothing. */
export function confirmationGate(confirm: (plan: Plan) => Promise<boolean>): WriteGate {
  return async ({ plan }) => {
    if (!(await confirm(plan))) throw new ApplyRefusedError('Nothing was applied: the plan was not confirmed.', { plan });
  };
}

function short(sha: string): string {
  return sha.slice(0, 7);
}
