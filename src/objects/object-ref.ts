import type { KubeObject } from './kube-object.js';

/**
 * The identity of one object: group, kind, namespace (undefined for cluster-scoped
 * objects, or before the plan stage has resolved the scope) and name. The version is
 * kept for requests but is not part of the identity.
 */
export interface ObjectRef {
  group: string;
  version: string;
  kind: string;
  namespace?: string;
  name: string;
}

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

export function refOf(obj: KubeObject): ObjectRef {
  const { group, version } = splitApiVersion(obj.apiVersion);
  const ns = obj.metadata.namespace;
  return {
    group,
    version,
    kind: obj.kind,
    ...(typeof ns === 'string' && ns !== '' ? { namespace: ns } : {}),
    name: obj.metadata.name,
  };
}

/** Stable key `group/Kind/namespace/name` (empty segments for core group and cluster scope). */
export function refKey(ref: ObjectRef): string {
  return `${ref.group}/${ref.kind}/${ref.namespace ?? ''}/${ref.name}`;
}

/** `group/Kind` (just `Kind` for the core group), as ApplySet annotations spell group-kinds. */
export function groupKind(ref: Pick<ObjectRef, 'group' | 'kind'>): string {
  return ref.group === '' ? ref.kind : `${ref.kind}.${ref.group}`;
}

/** How people read an identity: `Kind/namespace/name`, or `Kind/name` when cluster-scoped. */
export function formatRef(ref: ObjectRef): string {
  return ref.namespace ? `${ref.kind}/${ref.namespace}/${ref.name}` : `${ref.kind}/${ref.name}`;
}

export function apiVersionOf(ref: Pick<ObjectRef, 'group' | 'version'>): string {
  return ref.group === '' ? ref.version : `${ref.group}/${ref.version}`;
}
