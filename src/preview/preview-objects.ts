// The pure transform of `mode: preview`: a pull request's loaded objects → the preview's objects.
// Every namespaced object is placed in the preview's namespace, whatever its manifest says (a
// manifest naming `kube-system` still lands there); the preview's own Namespace is added, labelled
// as a preview of this repository and pull request; a Namespace in the pull request is replaced by
// it (dropped, its labels and annotations not carried over), with the ResourceQuota and LimitRange
// of the inputs (preview-namespace.ts; a pull request's own is then refused). Cluster-scoped objects would be shared
// by every preview on the cluster: each is refused by name unless `preview-cluster-kinds` allows its
// kind; a ClusterRoleBinding is always refused, and a RoleBinding may bind only ServiceAccounts of
// the preview (a User, a Group or another namespace's ServiceAccount is refused). `{{pr}}` and
// `{{namespace}}` in Ingress and HTTPRoute host names are filled in; nowhere else. Two objects that
// become one in the namespace are refused. Every refusal is a problem at the object's file and line,
// all thrown at once as a ManifestError before anything is written.
import { ManifestError } from '../model/errors.js';
import type { Problem } from '../model/problem.js';
import type { DesiredObject } from '../objects/desired-object.js';
import { cloneObject, getNamespace, isJsonObject, type JsonValue, type KubeObject } from '../objects/kube-object.js';
import { formatRef, groupKind, refKey, refOf, type ObjectRef } from '../objects/object-ref.js';
import { Inputs } from '../model/inputs-outputs.js';
import { fillTemplate, type PreviewIdentity } from './preview-identity.js';
import { namespaceObjects, type NamespaceSettings } from './preview-namespace.js';

export interface PreviewTransform extends NamespaceSettings {
  /** Cluster-scoped kinds allowed (`Kind` for core, `Kind.group`). */
  allowedClusterKinds: readonly string[];
  /** Whether objects of this group and kind live in a namespace. */
  isNamespaced: (ref: Pick<ObjectRef, 'group' | 'kind'>) => boolean;
}

export interface PreviewObjects {
  /** The preview's Namespace (and its ResourceQuota and LimitRange) first, then every object of the pull request as it is applied. */
  objects: DesiredObject[];
  /** Namespaces of the pull request that the preview's own Namespace replaced. */
  replaced: DesiredObject[];
}

/** Where the Namespace that kube-gitops adds is said to come from. */
const GENERATED = { file: '(kube-gitops preview)', line: 1 };

export function previewObjects(loaded: readonly DesiredObject[], t: PreviewTransform): PreviewObjects {
  const problems: Problem[] = [];
  const replaced: DesiredObject[] = [];
  const objects: DesiredObject[] = namespaceObjects(t).map((object) => ({ object, source: GENERATED }));
  const declared = new Set(loaded.map((d) => getNamespace(d.object)).filter((ns): ns is string => ns !== undefined));
  const placed = new Map<string, DesiredObject>();
  for (const d of loaded) {
    const ref = refOf(d.object);
    const refuse = (message: string) => problems.push({ message, ref, source: d.source });
    if (ref.group === '' && ref.kind === 'Namespace') {
      replaced.push(d);
    } else if (ref.group === '' && ((ref.kind === 'ResourceQuota' && t.quota) || (ref.kind === 'LimitRange' && t.limits))) {
      refuse(
        `${formatRef(ref)}: the preview namespace's ${ref.kind} is set by the input '${ref.kind === 'ResourceQuota' ? Inputs.PreviewQuota : Inputs.PreviewLimits}', so a pull request may not add one.`,
      );
    } else if (!t.isNamespaced(ref)) {
      const why = clusterScopedRefusal(ref, t.allowedClusterKinds);
      if (why) refuse(why);
      else objects.push(d);
    } else {
      const object = placeObject(d.object, t.preview, declared, refuse);
      const key = refKey(refOf(object));
      const twin = placed.get(key);
      if (twin) refuse(`${formatRef(ref)} becomes ${formatRef(refOf(object))} in the preview, as does the object at ${twin.source.file}:${twin.source.line}.`);
      else placed.set(key, d);
      objects.push({ ...d, object });
    }
  }
  if (problems.length > 0) throw new ManifestError(problems);
  return { objects, replaced };
}

/** Why a cluster-scoped object cannot be in a preview; undefined when its kind is allowed. */
function clusterScopedRefusal(ref: ObjectRef, allowed: readonly string[]): string | undefined {
  const kind = groupKind(ref);
  if (kind === 'ClusterRoleBinding.rbac.authorization.k8s.io') {
    return `${formatRef(ref)} is a ClusterRoleBinding, which grants outside the preview namespace: a preview never holds one.`;
  }
  if (allowed.includes(kind)) return undefined;
  return `${formatRef(ref)} is cluster-scoped, so every preview on the cluster would share it: a preview holds one only when the input '${Inputs.PreviewClusterKinds}' lists ${kind}.`;
}

/** A copy in the preview's namespace, its host names filled in; a RoleBinding's subjects checked. */
function placeObject(original: KubeObject, preview: PreviewIdentity, declared: ReadonlySet<string>, refuse: (message: string) => void): KubeObject {
  const object = cloneObject(original);
  object.metadata.namespace = preview.namespace;
  const { group, kind } = refOf(object);
  if (group === 'rbac.authorization.k8s.io' && kind === 'RoleBinding') bindPreviewSubjects(object, preview.namespace, declared, refuse);
  if (group === 'networking.k8s.io' && kind === 'Ingress') fillIngressHosts(object, preview);
  if (group === 'gateway.networking.k8s.io' && (kind === 'HTTPRoute' || kind === 'GRPCRoute' || kind === 'TLSRoute'))
    fillList(object.spec, 'hostnames', preview);
  return object;
}

/**
 * A RoleBinding grants only inside its namespace, but to whom it names: a ServiceAccount of the
 * preview (no namespace, or one the pull request's own manifests name, so it moved here too) is
 * bound in the preview's namespace; anyone else is refused.
 */
function bindPreviewSubjects(object: KubeObject, namespace: string, declared: ReadonlySet<string>, refuse: (message: string) => void): void {
  const subjects = Array.isArray(object.subjects) ? object.subjects : [];
  for (const s of subjects) {
    if (!isJsonObject(s)) continue;
    const name = typeof s.name === 'string' ? s.name : '';
    const ns = typeof s.namespace === 'string' && s.namespace !== '' ? s.namespace : undefined;
    if (s.kind === 'ServiceAccount' && (ns === undefined || declared.has(ns))) {
      s.namespace = namespace;
    } else {
      const who =
        s.kind === 'ServiceAccount'
          ? `the ServiceAccount ${ns ?? ''}/${name}`
          : `the ${typeof s.kind === 'string' ? s.kind : 'subject'} ${JSON.stringify(name)}`;
      refuse(
        `${formatRef(refOf(object))} binds ${who}, which is not the preview's: a preview's RoleBinding may bind only ServiceAccounts of the preview namespace.`,
      );
    }
  }
}

function fillIngressHosts(object: KubeObject, preview: PreviewIdentity): void {
  const spec = object.spec;
  if (!isJsonObject(spec)) return;
  for (const rule of Array.isArray(spec.rules) ? spec.rules : []) {
    if (isJsonObject(rule) && typeof rule.host === 'string') rule.host = fillTemplate(rule.host, preview);
  }
  for (const tls of Array.isArray(spec.tls) ? spec.tls : []) fillList(tls, 'hosts', preview);
}

function fillList(holder: JsonValue | undefined, field: string, preview: PreviewIdentity): void {
  if (!isJsonObject(holder)) return;
  const list = holder[field];
  if (Array.isArray(list)) holder[field] = list.map((h) => (typeof h === 'string' ? fillTemplate(h, preview) : h));
}
