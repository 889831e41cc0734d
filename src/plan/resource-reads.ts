// The cluster reads the resource delta needs beyond the plan's own: the HPAs, LimitRanges and ResourceQuotas of
// the namespaces whose workloads change (one list each per namespace), and the nodes, listed once,
// only when a DaemonSet changes. A read that fails (a token that may not list nodes, say) makes the
// delta say what it could not count; it never fails the plan.
import type { ClusterClient, ResourceType } from '../cluster/cluster-client.js';
import { typesOfKind } from '../cluster/resource-catalogue.js';
import { mapLimit } from '../concurrency/map-limit.js';
import { getErrorMessage } from '../model/errors.js';
import type { PlanEntry } from '../model/plan.js';
import type { ResourceDelta } from '../model/resources.js';
import type { KubeObject } from '../objects/kube-object.js';
import { resourceDelta } from './resource-delta.js';
import type { Prices } from './resource-prices.js';

/** Kinds whose change may change what a namespace requests (an HPA: its workload's replica range; a LimitRange: its defaults). */
const ASKS: ReadonlySet<string> = new Set([
  'apps/Deployment',
  'apps/StatefulSet',
  'apps/ReplicaSet',
  'apps/DaemonSet',
  '/ReplicationController',
  '/Pod',
  '/PersistentVolumeClaim',
  'batch/Job',
  'batch/CronJob',
  'autoscaling/HorizontalPodAutoscaler',
  '/LimitRange',
]);

function asksForResources(e: PlanEntry): boolean {
  return e.action !== 'unchanged' && e.action !== 'retain' && ASKS.has(`${e.ref.group}/${e.ref.kind}`);
}

async function listIn(client: ClusterClient, type: ResourceType | undefined, namespaces: readonly string[], concurrency: number, problems: string[]) {
  if (!type) return [];
  const lists = await mapLimit(namespaces, concurrency, (namespace) => client.list(type, { namespace }));
  return lists.flatMap((l, i) => {
    if (l.ok) return l.value;
    problems.push(`the ${type.kind}s of namespace ${namespaces[i] ?? ''} could not be read (${getErrorMessage(l.error)}): not counted`);
    return [];
  });
}

async function listNodes(client: ClusterClient, types: readonly ResourceType[]): Promise<{ nodes?: KubeObject[]; nodesWhy?: string }> {
  const [type] = typesOfKind(types, { group: '', kind: 'Node' });
  if (!type) return { nodesWhy: 'the cluster serves no Node type' };
  try {
    return { nodes: await client.list(type) };
  } catch (error) {
    return { nodesWhy: getErrorMessage(error) };
  }
}

/** The plan's resource delta, with the live HPAs, quotas and (for DaemonSets) nodes it needs. */
export async function planResources(
  entries: readonly PlanEntry[],
  client: ClusterClient,
  types: readonly ResourceType[],
  options: { concurrency: number; prices?: Prices },
): Promise<ResourceDelta> {
  const changing = entries.filter(asksForResources);
  const namespaces = [...new Set(changing.flatMap((e) => (e.ref.namespace ? [e.ref.namespace] : [])))].sort();
  const problems: string[] = [];
  const [hpaType] = typesOfKind(types, { group: 'autoscaling', kind: 'HorizontalPodAutoscaler' });
  const [quotaType] = typesOfKind(types, { group: '', kind: 'ResourceQuota' });
  const [limitRangeType] = typesOfKind(types, { group: '', kind: 'LimitRange' });
  const liveHpas = await listIn(client, hpaType, namespaces, options.concurrency, problems);
  const liveQuotas = await listIn(client, quotaType, namespaces, options.concurrency, problems);
  const liveLimitRanges = await listIn(client, limitRangeType, namespaces, options.concurrency, problems);
  const nodes = changing.some((e) => e.ref.kind === 'DaemonSet') ? await listNodes(client, types) : {};
  const delta = resourceDelta(entries, { liveHpas, liveQuotas, liveLimitRanges, ...nodes, ...(options.prices ? { prices: options.prices } : {}) });
  return { ...delta, problems: [...problems, ...delta.problems] };
}
