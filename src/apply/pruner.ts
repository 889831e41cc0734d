// Deletes the ApplySet members that left Git, in reverse apply order, stage by stage.
// Only called after every apply succeeded. Members are found by our part-of label, so objects
// we do not own are never candidates; protected ones arrive here as `retain`, not `delete`.
import type { ClusterClient } from '../cluster/cluster-client.js';
import { mapLimit } from '../concurrency/map-limit.js';
import { objectFailure } from '../problems/object-failure.js';
import type { Logger } from '../logging.js';
import { APPLY_STAGES, compareForPrune, stageOf } from '../objects/kind-order.js';
import { formatRef, type ObjectRef } from '../objects/object-ref.js';
import type { PlannedChange } from '../plan/planner.js';

export interface PruneOutcome {
  deleted: ObjectRef[];
  failed: { ref: ObjectRef; message: string }[];
  retained: { ref: ObjectRef; reason: string }[];
}

export async function pruneChanges(changes: readonly PlannedChange[], client: ClusterClient, concurrency: number, logger: Logger): Promise<PruneOutcome> {
  const outcome: PruneOutcome = { deleted: [], failed: [], retained: [] };
  for (const c of changes) if (c.entry.action === 'retain') outcome.retained.push({ ref: c.entry.ref, reason: c.entry.notes[0] ?? '' });
  for (const stage of [...APPLY_STAGES].reverse()) {
    const work = changes.filter((c) => c.entry.action === 'delete' && stageOf(c.entry.ref) === stage).sort((a, b) => compareForPrune(a.entry.ref, b.entry.ref));
    if (work.length === 0) continue;
    const results = await mapLimit(work, concurrency, async (c) => {
      if (!c.type) throw new Error('its kind is no longer served by the cluster');
      await client.delete(c.type, c.entry.ref);
    });
    work.forEach((c, i) => {
      const ref = c.entry.ref;
      const r = results[i];
      if (r?.ok) {
        outcome.deleted.push(ref);
        logger.info(`deleted ${formatRef(ref)}`);
      } else {
        const message = objectFailure(ref, 'delete', r?.error);
        outcome.failed.push({ ref, message });
        logger.error(message);
      }
    });
  }
  return outcome;
}
