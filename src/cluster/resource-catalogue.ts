// The one place resource types are looked up: by group, version and kind (an object's own type),
// by group and kind (discovery lists the preferred version first), and the core types every API
// server serves, some of which are read without asking discovery.
import type { ObjectRef } from '../objects/object-ref.js';
import { groupKind } from '../objects/object-ref.js';
import type { ResourceType } from './cluster-client.js';

type GroupVersionKind = Pick<ObjectRef, 'group' | 'version' | 'kind'>;

/** The type serving exactly this group, version and kind. */
export function findType(types: readonly ResourceType[], gvk: GroupVersionKind): ResourceType | undefined {
  return types.find((t) => t.group === gvk.group && t.version === gvk.version && t.kind === gvk.kind);
}

/** Every served version of a group and kind, preferred first. */
export function typesOfKind(types: readonly ResourceType[], gk: Pick<ObjectRef, 'group' | 'kind'>): ResourceType[] {
  return types.filter((t) => t.group === gk.group && t.kind === gk.kind);
}

/** The preferred version of a group-kind written as `Kind.group` (as an ApplySet records it). */
export function preferredType(types: readonly ResourceType[], gk: string): ResourceType | undefined {
  return types.find((t) => groupKind(t) === gk);
}

/**
 * A core/v1 kind every API server serves. Its absence means the discovery answer is unusable:
 * `consequence` says what cannot go on.
 */
export function requireCoreType(types: readonly ResourceType[], kind: 'Secret' | 'Namespace', consequence: string): ResourceType {
  const type = findType(types, { group: '', version: 'v1', kind });
  if (!type) throw new Error(`the cluster's discovery lists no v1 ${kind}${consequence}`);
  return type;
}

/** Read (listed) by the wait on every cluster, so not looked up through discovery. */
export const POD_TYPE: ResourceType = { group: '', version: 'v1', kind: 'Pod', plural: 'pods', namespaced: true, verbs: ['list'] };
export const REPLICASET_TYPE: ResourceType = { group: 'apps', version: 'v1', kind: 'ReplicaSet', plural: 'replicasets', namespaced: true, verbs: ['list'] };
export const EVENT_TYPE: ResourceType = { group: '', version: 'v1', kind: 'Event', plural: 'events', namespaced: true, verbs: ['list'] };
