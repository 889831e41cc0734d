// Finds the live members of an ApplySet: one labelled LIST per kind and namespace, not a GET per object.
import type { ClusterClient, ResourceType } from '../cluster/cluster-client.js';
import { ClusterError } from '../cluster/cluster-error.js';
import { preferredType } from '../cluster/resource-catalogue.js';
import { mapLimit } from '../concurrency/map-limit.js';
import type { KubeObject } from '../objects/kube-object.js';
import { groupKind, refKey, refOf, type ObjectRef } from '../objects/object-ref.js';
import { PART_OF_LABEL, type Inventory } from './applyset.js';

interface ListCall {
  type: ResourceType;
  namespace?: string;
}

/**
 * `definedHere`: group-kinds a CustomResourceDefinition of this change defines. Not served yet, they
 * have no objects to list; only a kind the set records and nothing defines any more is worth a warning.
 */
export async function listMembers(
  client: ClusterClient,
  types: readonly ResourceType[],
  inventory: Inventory,
  desired: readonly ObjectRef[],
  definedHere: ReadonlySet<string>,
  concurrency: number,
  warnings: string[],
): Promise<Map<string, KubeObject>> {
  const members = new Map<string, KubeObject>();
  if (!inventory.exists) return members;
  const groupKinds = new Set([...inventory.groupKinds, ...desired.map(groupKind)]);
  const namespaces = new Set([inventory.parentNamespace, ...inventory.namespaces, ...desired.flatMap((r) => (r.namespace ? [r.namespace] : []))]);
  const calls: ListCall[] = [];
  for (const gk of [...groupKinds].sort()) {
    const type = preferredType(types, gk);
    if (!type) {
      if (!inventory.groupKinds.includes(gk) || definedHere.has(gk)) continue;
      warnings.push(`The ApplySet records ${gk}, which the cluster no longer serves: its objects cannot be listed or pruned.`);
      continue;
    }
    if (!type.verbs.includes('list')) continue;
    if (type.namespaced) for (const namespace of [...namespaces].sort()) calls.push({ type, namespace });
    else calls.push({ type });
  }
  const selector = `${PART_OF_LABEL}=${inventory.id}`;
  const results = await mapLimit(calls, concurrency, (c) =>
    client.list(c.type, { labelSelector: selector, ...(c.namespace ? { namespace: c.namespace } : {}) }),
  );
  calls.forEach((call, i) => {
    const r = results[i];
    if (!r) return;
    if (!r.ok) {
      // Unreachable servers and kubeconfig problems keep their type (the plan falls back or fails on it).
      if (!(r.error instanceof ClusterError)) throw r.error;
      throw new ClusterError(
        `listing ${groupKind(call.type)} members${call.namespace ? ` in ${call.namespace}` : ''} failed: ${r.error.message}`,
        r.error.status,
        r.error.reason,
        r.error.causes,
      );
    }
    for (const obj of r.value) members.set(refKey(refOf(obj)), obj);
  });
  return members;
}
