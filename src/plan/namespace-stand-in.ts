// Objects in a Namespace that the change creates cannot be dry-run where they will live: the
// server refuses anything in a namespace that does not exist. Schema, field validation and
// cluster-wide admission do not depend on the namespace, so such an object is dry-run under its own
// name in a namespace that exists (a stand-in), where no object of that name exists: the dry-run
// must say it would create the object, or its answer would mix in the live object there.
// What depends on the new namespace itself (its ResourceQuotas and LimitRanges, admission policies
// and webhooks selected by namespace) cannot be checked before it exists; the plan says so.
import type { ClusterClient, ResourceType } from '../cluster/cluster-client.js';
import { isConflict, isImmutableError, isClusterError } from '../cluster/cluster-error.js';
import { cloneObject, type KubeObject } from '../objects/kube-object.js';
import { formatRef, refOf } from '../objects/object-ref.js';

export const UNCHECKED_IN_NEW_NAMESPACE = 'its ResourceQuotas, LimitRanges and namespace-selected admission policies and webhooks';

export type StandInVerdict =
  | { state: 'valid'; namespace: string }
  /** No stand-in could answer for the object alone (each held an object of that name, or refused us). */
  | { state: 'unchecked'; reason: string };

/** Namespaces among `candidates` that exist (one GET each); asked once per plan, only when needed. */
export async function existingNamespaces(client: ClusterClient, namespaceType: ResourceType, candidates: readonly string[]): Promise<string[]> {
  const found = await Promise.all(
    [...new Set(candidates)].map(async (name) => ((await client.get(namespaceType, { group: '', version: 'v1', kind: 'Namespace', name })) ? name : undefined)),
  );
  return found.filter((n): n is string => n !== undefined);
}

/** Throws the server's refusal of the object; answers which stand-in accepted it, or why none could. */
export async function dryRunInStandIn(
  client: ClusterClient,
  type: ResourceType,
  desired: KubeObject,
  standIns: readonly string[],
  fieldManager: string,
): Promise<StandInVerdict> {
  const skipped: string[] = [];
  for (const namespace of standIns) {
    const probe = cloneObject(desired);
    probe.metadata.namespace = namespace;
    try {
      const result = await client.apply(type, probe, { fieldManager, force: true, dryRun: true });
      if (result.created) return { state: 'valid', namespace };
      skipped.push(`${namespace} holds ${formatRef(refOf(probe))}`);
    } catch (error) {
      const reason = await whyNotTheObject(client, type, probe, error);
      if (!reason) throw error;
      skipped.push(reason);
    }
  }
  return { state: 'unchecked', reason: skipped.length > 0 ? skipped.join('; ') : 'no namespace to dry-run it in exists' };
}

/** Why a failed dry-run in a stand-in says nothing about the object itself; undefined when it does. */
async function whyNotTheObject(client: ClusterClient, type: ResourceType, probe: KubeObject, error: unknown): Promise<string | undefined> {
  const namespace = typeof probe.metadata.namespace === 'string' ? probe.metadata.namespace : 'the stand-in namespace';
  if (isConflict(error) || isImmutableError(error)) return `${namespace} holds ${formatRef(refOf(probe))}`;
  // A refusal there (quota, limit range, RBAC, a namespace-selected policy) may not hold in the new namespace.
  if (isClusterError(error) && error.status === 403) return `the dry-run in ${namespace} was refused (${error.message})`;
  if (isClusterError(error) && (await client.get(type, refOf(probe)))) return `${namespace} holds ${formatRef(refOf(probe))}`;
  return undefined;
}
