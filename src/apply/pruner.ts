// Deletes the ApplySet members that left Git, in reverse apply order, group by group: for a target
// with hooks or waves, post-apply hooks, then the waves from the last, then pre-apply hooks, then
// setup; inside each, stage by stage in reverse kind order.
// Only called after every apply succeeded. Members are found by our part-of label, so objects
// we do not own are never candidates; protected ones arrive here as `retain`, not `delete`.
import type { ClusterClient } from '../cluster/cluster-client.js';
import { mapLimit } from '../concurrency/map-limit.js';
import { objectFailure } from '../cluster/object-failure.js';
import type { Logger } from '../model/logger.js';
import { stageOf } from '../objects/kind-order.js';
import { comparePruneOrder } from '../phases/run-order.js';
import type { PlanEntry } from '../model/plan.js';
import { formatRef, type ObjectRef } from '../objects/object-ref.js';
import type { PlannedChange } from '../plan/planned-change.js';

export interface PruneOutcome {
  deleted: ObjectRef[];
  failed: { ref: ObjectRef; message: string }[];
  retained: { ref: ObjectRef; reason: string }[];
}

export async function pruneChanges(changes: readonly PlannedChange[], client: ClusterClient, concurrency: number, logger: Logger): Promise<PruneOutcome> {
  const outcome: PruneOutcome = { deleted: [], failed: [], retained: [] };
  for (const c of changes) if (c.entry.action === 'retain') outcome.retained.push({ ref: c.entry.ref, reason: c.entry.notes[0] ?? '' });
  for (const work of pruneGroups(changes)) {
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

/** The deletions in prune order, cut where the phase, wave or stage changes: each group is deleted before the next. */
export function pruneGroups<T extends { entry: PlanEntry }>(changes: readonly T[]): T[][] {
  const sorted = changes.filter((c) => c.entry.action === 'delete').sort((a, b) => comparePruneOrder(a.entry, b.entry));
  const groups: T[][] = [];
  let lastKey: string | undefined;
  for (const c of sorted) {
    const key = `${c.entry.phase?.phase ?? ''}/${c.entry.phase?.wave ?? 0}/${stageOf(c.entry.ref)}`;
    const last = groups.at(-1);
    if (last && key === lastKey) last.push(c);
    else groups.push([c]);
    lastKey = key;
  }
  return groups;
}
