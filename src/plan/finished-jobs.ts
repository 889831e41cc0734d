// A Job with ttlSecondsAfterFinished is deleted by the cluster once it has finished; every later
// dry-run would call it a create, and each apply would run it again. So, as for hooks, the ApplySet
// parent records the digest of the manifest each such Job last ran from, and a create of a Job whose
// manifest has that digest is planned as unchanged, with a note: it runs again only when its
// manifest changes. Whether the TTL controller has removed it yet or not, the plan is the same.
import type { Inventory } from '../inventory/applyset.js';
import { refKey } from '../objects/object-ref.js';
import { isTtlJob } from '../objects/ttl-job.js';
import { manifestDigest } from '../phases/hook-decision.js';
import { isHookPhase } from '../model/phase.js';
import type { PlannedChange } from './planned-change.js';

export function settleFinishedJobs(changes: readonly PlannedChange[], inventory: Inventory): void {
  for (const c of changes) {
    const { entry } = c;
    if (entry.action !== 'create' || c.pending || !isTtlJob(c.desired) || !c.desired) continue;
    if (entry.phase && isHookPhase(entry.phase.phase)) continue;
    if (inventory.hookDigests[refKey(entry.ref)] !== manifestDigest(c.desired, c.generated)) continue;
    entry.action = 'unchanged';
    if (entry.after) entry.before = entry.after;
    delete entry.written;
    entry.notes.push(
      `Not created again: it ran from this same manifest${inventory.appliedCommit ? ` (recorded at ${inventory.appliedCommit.slice(0, 7)})` : ''} and the cluster removed it after it finished (ttlSecondsAfterFinished). It runs again when its manifest changes.`,
    );
  }
}
