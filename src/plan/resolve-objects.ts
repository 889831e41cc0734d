// Gives each desired object its API resource type and namespace, as the cluster defines them.
import { duplicateDefinitions } from '../model/duplicate-definitions.js';
import type { ResourceType } from '../cluster/cluster-client.js';
import { formatLocation, type Problem } from '../model/problem.js';
import { cloneObject, isJsonObject, type KubeObject } from '../objects/kube-object.js';
import type { DesiredObject } from '../objects/desired-object.js';
import type { FieldPath } from '../objects/field-path.js';
import { formatRef, groupKind, refKey, refOf, type ObjectRef } from '../objects/object-ref.js';
import { findType, typesOfKind } from '../cluster/resource-catalogue.js';

export interface ResolvedObject {
  source: DesiredObject['source'];
  /** The manifest with its namespace resolved. */
  object: KubeObject;
  ref: ObjectRef;
  /** Undefined when the kind is defined by a CRD in this same change and not served yet. */
  type?: ResourceType;
  /** The namespacedness of a kind pending on a CRD in this change. */
  namespaced: boolean;
  /** For a chart's output: the paths the chart renders anew every time (helm-determinism.ts). */
  generated?: readonly FieldPath[];
}

interface CrdKind {
  group: string;
  kind: string;
  versions: string[];
  namespaced: boolean;
}

/** Kinds defined by CustomResourceDefinitions among the desired objects. */
function crdKinds(desired: readonly DesiredObject[]): CrdKind[] {
  return desired.flatMap(({ object }) => {
    if (object.kind !== 'CustomResourceDefinition' || !object.apiVersion.startsWith('apiextensions.k8s.io/')) return [];
    const spec = object.spec;
    if (!isJsonObject(spec) || !isJsonObject(spec.names) || typeof spec.group !== 'string' || typeof spec.names.kind !== 'string') return [];
    const versions = (Array.isArray(spec.versions) ? spec.versions : []).flatMap((v) => (isJsonObject(v) && typeof v.name === 'string' ? [v.name] : []));
    return [{ group: spec.group, kind: spec.names.kind, versions, namespaced: spec.scope !== 'Cluster' }];
  });
}

/** Group-kinds (`Kind.group`) that CustomResourceDefinitions among the desired objects define. */
export function crdGroupKinds(desired: readonly DesiredObject[]): Set<string> {
  return new Set(crdKinds(desired).map(groupKind));
}

export function resolveObjects(
  desired: readonly DesiredObject[],
  types: readonly ResourceType[],
  defaultNamespace: string,
): { resolved: ResolvedObject[]; problems: Problem[]; warnings: string[] } {
  const crds = crdKinds(desired);
  const problems: Problem[] = [];
  const warnings: string[] = [];
  const resolved: ResolvedObject[] = [];
  const seen = new Set<string>();
  const placed: { ref: ObjectRef; source: DesiredObject['source'] }[] = [];

  for (const d of desired) {
    const initial = refOf(d.object);
    const type = findType(types, initial);
    const scope = type ?? crds.find((c) => c.group === initial.group && c.kind === initial.kind && c.versions.includes(initial.version));
    if (!scope) {
      problems.push({ ref: initial, source: d.source, message: unknownKindMessage(initial, types) });
      continue;
    }
    const namespaced = scope.namespaced;
    const object = cloneObject(d.object);
    if (namespaced) {
      object.metadata.namespace = initial.namespace ?? defaultNamespace;
    } else if (initial.namespace) {
      delete object.metadata.namespace;
      warnings.push(`${formatRef(initial)} is cluster-scoped: its metadata.namespace '${initial.namespace}' is ignored (${formatLocation(d.source)}).`);
    }
    const ref = refOf(object);
    const key = refKey(ref);
    placed.push({ ref, source: d.source });
    if (seen.has(key)) continue;
    seen.add(key);
    const generated = d.chart?.nonDeterministic ?? [];
    resolved.push({ source: d.source, object, ref, namespaced, ...(type ? { type } : {}), ...(generated.length > 0 ? { generated } : {}) });
  }
  problems.push(...duplicateDefinitions(placed));
  return { resolved, problems, warnings };
}

function unknownKindMessage(ref: ObjectRef, types: readonly ResourceType[]): string {
  const apiVersion = ref.group ? `${ref.group}/${ref.version}` : ref.version;
  const served = typesOfKind(types, ref).map((t) => (t.group ? `${t.group}/${t.version}` : t.version));
  if (served.length > 0) {
    return `${formatRef(ref)}: the cluster does not serve ${ref.kind} in ${apiVersion}; it serves ${[...new Set(served)].join(', ')}.`;
  }
  return `${formatRef(ref)}: the cluster does not know kind ${ref.kind} in ${apiVersion}, and no CustomResourceDefinition in the manifests defines it.`;
}
