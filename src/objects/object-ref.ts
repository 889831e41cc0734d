import type { FieldPath } from './field-path.js';
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
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
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

/**
 * Kubernetes' own API groups whose kind names no other built-in group uses: their kinds read as
 * plain `Kind`. (events.k8s.io is left out: its Event shares the name with the core Event.)
 */
const PLAIN_GROUPS: ReadonlySet<string> = new Set([
  '',
  'apps',
  'batch',
  'autoscaling',
  'policy',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'apiregistration.k8s.io',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'certificates.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'flowcontrol.apiserver.k8s.io',
  'internal.apiserver.k8s.io',
  'networking.k8s.io',
  'node.k8s.io',
  'rbac.authorization.k8s.io',
  'resource.k8s.io',
  'scheduling.k8s.io',
  'storage.k8s.io',
  'storagemigration.k8s.io',
]);

/**
 * The kind as people read it: `Deployment` for Kubernetes' own kinds, `Kind.group` (kubectl's
 * spelling) for every other group, so two kinds of one name (two `Gateway`s) never read alike.
 * Context-free, so a log line and a report row name an object the same way.
 */
export function formatKind(ref: Pick<ObjectRef, 'group' | 'kind'>): string {
  return PLAIN_GROUPS.has(ref.group) ? ref.kind : `${ref.kind}.${ref.group}`;
}

/** How people read an identity: `Kind/namespace/name`, or `Kind/name` when cluster-scoped (the kind as formatKind spells it). */
export function formatRef(ref: ObjectRef): string {
  const kind = formatKind(ref);
  return ref.namespace ? `${kind}/${ref.namespace}/${ref.name}` : `${kind}/${ref.name}`;
}

/** A field that names the object (apiVersion, kind, metadata.name or .namespace, or a whole that holds one). */
export function isIdentityPath(path: FieldPath): boolean {
  const [first, second] = path;
  if (first === undefined || first === 'apiVersion' || first === 'kind') return true;
  return first === 'metadata' && (second === undefined || second === 'name' || second === 'namespace');
}
