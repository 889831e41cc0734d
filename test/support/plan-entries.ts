// Plan entries for renderer and pure-module tests: objects of the `shop` namespace and an entry
// builder with every required field, so a test states only what it is about.
import type { KubeObject } from '../../src/objects/kube-object.js';
import { refOf } from '../../src/objects/object-ref.js';
import type { Plan, PlanEntry } from '../../src/model/plan.js';

export function configMap(name: string, data: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'shop' }, data };
}

/** A workload whose pod template is `podSpec` (a Deployment unless `kind` says otherwise). */
export function workload(
  name: string,
  podSpec: Record<string, unknown>,
  options: { kind?: string; replicas?: number; annotations?: Record<string, string> } = {},
): KubeObject {
  const template = { metadata: { labels: { app: name }, ...(options.annotations ? { annotations: options.annotations } : {}) }, spec: podSpec };
  return {
    apiVersion: 'apps/v1',
    kind: options.kind ?? 'Deployment',
    metadata: { name, namespace: 'shop' },
    spec: { replicas: options.replicas ?? 2, selector: { matchLabels: { app: name } }, template },
  } as unknown as KubeObject;
}

export function planEntry(action: PlanEntry['action'], before?: KubeObject, after?: KubeObject, extra: Partial<PlanEntry> = {}): PlanEntry {
  const obj = after ?? before;
  if (!obj) throw new Error('an entry needs an object');
  return { ref: refOf(obj), action, ...(before ? { before } : {}), ...(after ? { after } : {}), notes: [], conflicts: [], ...extra };
}

export function livePlan(entries: PlanEntry[], extra: Partial<Plan> = {}): Plan {
  return { target: 'production', commit: '3f2a9c1e5d', basis: 'cluster', problems: [], warnings: [], entries, ...extra };
}
