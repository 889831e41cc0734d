// The apply's side of the per-target Lease (src/inventory/lease-holder.ts): taken after the plan and
// every gate, before the first write, so a refused run writes nothing, not even the lease; a run
// that will write nothing takes none. Once held, the ApplySet parent is read again: when another
// run wrote it meanwhile, the plan (and with it the commit-order check and every gate) is made
// again under the lease, so an older commit that finishes waiting last is refused, never applied.
import type { ClusterClient } from '../cluster/cluster-client.js';
import { requireCoreType, findType } from '../cluster/resource-catalogue.js';
import { parentName, type Inventory } from '../inventory/applyset.js';
import { acquireLease, LeaseBusyError, type HeldLease } from '../inventory/lease-holder.js';
import type { PlanResult } from '../plan/planner.js';
import { systemClock } from '../model/clock.js';
import { ApplyRefusedError } from '../model/apply-refused.js';
import type { Logger } from '../model/logger.js';
import type { Clock } from '../model/clock.js';

/** What of the run's settings the lease needs. */
export interface LeaseSettings {
  target: string;
  inventoryNamespace: string;
  commit: string;
  /** How long to wait for another holder. */
  timeoutMs: number;
  fieldManager: string;
  forceConflicts: boolean;
}

interface LeaseDeps {
  client: ClusterClient;
  logger: Logger;
  clock?: Clock;
}

/** Would this run write anything: an object, a hook, or a parent recording another commit? */
export function needsLease(planResult: PlanResult, settings: LeaseSettings): boolean {
  const { plan, inventory } = planResult;
  if (inventory.appliedCommit !== settings.commit || !inventory.exists) return true;
  return plan.entries.some((e) => e.phase !== undefined || (e.action !== 'unchanged' && e.action !== 'retain'));
}

export async function takeTargetLease(planResult: PlanResult, settings: LeaseSettings, deps: LeaseDeps, holder: string): Promise<HeldLease> {
  const types = await deps.client.resourceTypes();
  const type = findType(types, { group: 'coordination.k8s.io', version: 'v1', kind: 'Lease' });
  if (!type) {
    throw new ApplyRefusedError(
      'Nothing was applied: the cluster does not serve coordination.k8s.io/v1 Lease, which kube-gitops uses so that two runs never write one target at once.',
      { plan: planResult.plan },
    );
  }
  await createInventoryNamespace(planResult, settings, deps.client);
  try {
    return await acquireLease(deps.client, type, {
      target: settings.target,
      namespace: settings.inventoryNamespace,
      holder,
      waitMs: settings.timeoutMs,
      clock: deps.clock ?? systemClock,
      logger: deps.logger,
    });
  } catch (error) {
    if (!(error instanceof LeaseBusyError)) throw error;
    const message =
      `Nothing was applied: another run is applying to target ${settings.target} and held its lease ` +
      `(${settings.inventoryNamespace}/${parentName(settings.target)}) for the whole ${Math.round(error.waitedMs / 1000)}s this run waited: ` +
      `${error.holder}${error.acquiredAt ? `, since ${error.acquiredAt}` : ''}. Re-run this one once it has finished; a lease whose holder died expires by itself.`;
    throw new ApplyRefusedError(message, { plan: planResult.plan, problems: [{ message, code: 'refusal' }] });
  }
}

/**
 * The first apply of a target whose manifests create its inventory namespace: the lease lives there,
 * so that Namespace (a create the plan already holds) is written first, as the definitions stage
 * would write it a moment later.
 */
async function createInventoryNamespace(planResult: PlanResult, settings: LeaseSettings, client: ClusterClient): Promise<void> {
  const change = planResult.changes.find(
    (c) => c.entry.action === 'create' && c.entry.ref.group === '' && c.entry.ref.kind === 'Namespace' && c.entry.ref.name === settings.inventoryNamespace,
  );
  if (!change?.type || !change.desired) return;
  if (await client.get(change.type, change.entry.ref)) return;
  await client.apply(change.type, change.desired, { fieldManager: settings.fieldManager, force: settings.forceConflicts, dryRun: false });
}

/** Has the ApplySet parent changed since the plan read it (another run applied meanwhile)? */
export async function inventoryMoved(client: ClusterClient, inventory: Inventory): Promise<boolean> {
  const secretType = requireCoreType(await client.resourceTypes(), 'Secret', ', so the inventory cannot be read');
  const parent = await client.get(secretType, { group: '', version: 'v1', kind: 'Secret', namespace: inventory.parentNamespace, name: inventory.parentName });
  const now = parent && typeof parent.metadata.resourceVersion === 'string' ? parent.metadata.resourceVersion : undefined;
  return now !== inventory.resourceVersion;
}
