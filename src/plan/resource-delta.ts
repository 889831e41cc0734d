// What a plan changes in requested resources, per workload and in total: for every entry that asks
// for resources (resource-workloads.ts), (what one replica asks for × replicas) after the change −
// the same before it. `after` is the server's dry-run answer, `before` the live object; the
// namespace's LimitRange defaults count (applied as LimitRanger applies them to each pod). A
// workload an HPA scales counts its min–max (the HPA in the change, or live): the total is a range.
// DaemonSets count per node they would run on, or per node when the nodes are not known (left out
// of the total then). Jobs and CronJobs are apart (they run and end).
// A StatefulSet's scale-down or delete frees storage only when its retention policy deletes PVCs.
// Pure: the live HPAs, LimitRanges, quotas and nodes come in the context (resource-reads.ts reads them).
import type { PlanEntry } from '../model/plan.js';
import type { AmountRange, ReplicaCount, ResourceDelta, WorkloadResources } from '../model/resources.js';
import type { KubeObject } from '../objects/kube-object.js';
import { formatRef, refKey, refOf } from '../objects/object-ref.js';
import { amountsOf, isZero, sumAmounts, type Amounts, type CountedWorkload, type Scenario } from './resource-amounts.js';
import { monthlyCost, type Prices } from './resource-prices.js';
import { quotaChecks } from './resource-quota.js';
import { POD_KEYS } from './resource-pods.js';
import { isHpa, isLimitRange, workloadSide, type SideContext, type WorkloadSide } from './resource-workloads.js';

export interface ResourceContext {
  /** HPAs, LimitRanges and ResourceQuotas live in the cluster (none for a plan made from Git alone). */
  liveHpas: readonly KubeObject[];
  liveLimitRanges?: readonly KubeObject[];
  liveQuotas: readonly KubeObject[];
  /** The cluster's nodes; absent when they could not be listed (`nodesWhy` says why). */
  nodes?: readonly KubeObject[];
  nodesWhy?: string;
  prices?: Prices;
}

function count(r: ReplicaCount | undefined, s: Scenario): number {
  if (!r) return 0;
  switch (r.kind) {
    case 'count':
    case 'nodes':
      return r.count;
    case 'hpa':
      return s === 'low' ? r.min : r.max;
    case 'per-node':
      return 1;
  }
}

/** Objects of a kind before the change (live, and those the plan found) and after it (the plan's answers in their place). */
function kindSides(entries: readonly PlanEntry[], live: readonly KubeObject[], is: (o: KubeObject) => boolean): { before: KubeObject[]; after: KubeObject[] } {
  // A retained object stays as it is live.
  const planned = new Map(
    entries.filter((e) => e.action !== 'retain' && (e.before ?? e.after) && is((e.before ?? e.after) as KubeObject)).map((e) => [refKey(e.ref), e]),
  );
  const untouched = live.filter((h) => !planned.has(refKey(refOf(h))));
  const sideOf = (side: 'before' | 'after'): KubeObject[] => [...untouched, ...[...planned.values()].flatMap((e) => (e[side] ? [e[side]] : []))];
  return { before: sideOf('before'), after: sideOf('after') };
}

function storageChange(before: WorkloadSide | undefined, after: WorkloadSide | undefined, b: number, a: number, notes: Set<string>): [bigint, number] {
  const own: [bigint, number] = [(after?.ownStorage ?? 0n) - (before?.ownStorage ?? 0n), (after?.ownClaims ?? 0) - (before?.ownClaims ?? 0)];
  const storage = (after ? after.replicaStorage * BigInt(a) : 0n) - (before ? before.replicaStorage * BigInt(b) : 0n);
  const claims = (after ? after.replicaClaims * a : 0) - (before ? before.replicaClaims * b : 0);
  const frees = after ? after.deletesClaims.whenScaled : (before?.deletesClaims.whenDeleted ?? true);
  if ((storage < 0n || claims < 0) && !frees) {
    notes.add(`its PersistentVolumeClaims stay when it ${after ? 'scales down' : 'is deleted'} (persistentVolumeClaimRetentionPolicy: Retain)`);
    return [own[0] + (storage > 0n ? storage : 0n), own[1] + Math.max(0, claims)];
  }
  return [own[0] + storage, own[1] + claims];
}

function change(before: WorkloadSide | undefined, after: WorkloadSide | undefined, s: Scenario, notes: Set<string>): Amounts {
  const b = count(before?.replicas, s);
  const a = count(after?.replicas, s);
  const [storage, claims] = storageChange(before, after, b, a, notes);
  const pod = Object.fromEntries(POD_KEYS.map((k) => [k, (after ? after.pod[k] * BigInt(a) : 0n) - (before ? before.pod[k] * BigInt(b) : 0n)])) as Record<
    (typeof POD_KEYS)[number],
    bigint
  >;
  return { ...pod, pods: a - b, storage, claims };
}

function sameCount(a: ReplicaCount | undefined, b: ReplicaCount | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function workload(e: PlanEntry, sides: { before: SideContext; after: SideContext }, problems: string[]): CountedWorkload | undefined {
  if (e.action === 'retain') return undefined;
  const where = formatRef(e.ref);
  const before = e.before ? workloadSide(e.before, sides.before, where, problems) : undefined;
  const after = e.after ? workloadSide(e.after, sides.after, where, problems) : undefined;
  if (!before && !after) return undefined;
  const notes = new Set<string>();
  const low = change(before, after, 'low', notes);
  const high = change(before, after, 'high', notes);
  if (isZero(low) && isZero(high) && sameCount(before?.replicas, after?.replicas)) return undefined;
  const runs = after?.runs ?? before?.runs;
  const view: WorkloadResources = {
    workload: where,
    ...(e.ref.namespace ? { namespace: e.ref.namespace } : {}),
    action: e.action,
    // A PersistentVolumeClaim has no replicas to show.
    ...(before && before.ownClaims === 0 ? { before: before.replicas } : {}),
    ...(after && after.ownClaims === 0 ? { after: after.replicas } : {}),
    change: { low: amountsOf(low), high: amountsOf(high) },
    ...(runs ? { runs } : {}),
    notes: [...notes],
  };
  return { view, low, high };
}

const perNode = ({ view }: CountedWorkload): boolean => view.after?.kind === 'per-node' || view.before?.kind === 'per-node';

export function resourceDelta(entries: readonly PlanEntry[], ctx: ResourceContext): ResourceDelta {
  const hpas = kindSides(entries, ctx.liveHpas, isHpa);
  const ranges = kindSides(entries, ctx.liveLimitRanges ?? [], isLimitRange);
  const nodes = ctx.nodes ? { nodes: ctx.nodes } : {};
  const sides = {
    before: { hpas: hpas.before, limitRanges: ranges.before, ...nodes },
    after: { hpas: hpas.after, limitRanges: ranges.after, ...nodes },
  };
  const problems: string[] = [];
  const all = entries.flatMap((e) => workload(e, sides, problems) ?? []);
  const workloads = all.filter((w) => !w.view.runs);
  const counted = workloads.filter((w) => !perNode(w));
  const low = sumAmounts(counted.map((w) => w.low));
  const high = sumAmounts(counted.map((w) => w.high));
  const total: AmountRange = { low: amountsOf(low), high: amountsOf(high) };
  const daemonSets = all.some((w) => w.view.workload.startsWith('DaemonSet/'))
    ? ctx.nodes
      ? `per node its pods would run on (nodeSelector, required node affinity, tolerations against taints; ${ctx.nodes.length} node(s) read)`
      : `per node: the nodes could not be listed${ctx.nodesWhy ? ` (${ctx.nodesWhy})` : ''}, so DaemonSets are left out of the total`
    : undefined;
  return {
    total,
    workloads: workloads.map((w) => w.view),
    runs: all.filter((w) => w.view.runs).map((w) => w.view),
    quotas: quotaChecks(entries, counted, ctx.liveQuotas),
    ...(daemonSets ? { daemonSets } : {}),
    ...(ctx.prices ? { monthly: monthlyCost(total, ctx.prices) } : {}),
    problems: [...new Set(problems)],
  };
}
