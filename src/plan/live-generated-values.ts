// A chart renders some fields anew every time (randAlphaNum, genCA, and a checksum annotation over
// them): two renders of the chart name those paths (helm-determinism.ts). Where the object is
// already a live member of the target, the plan keeps the live value at each such path, so a
// commit that changes nothing plans nothing, writes nothing and restarts no pods: the generated
// password stays the one the cluster holds, as helm's `lookup` would keep it. Identity (apiVersion,
// kind, name, namespace) is never taken from the live object. A Secret's `stringData.<key>` takes the
// live `data.<key>`, since the server keeps only `data`. Values are copied, never shown.
import { isIdentityPath, refKey } from '../objects/object-ref.js';
import { isJsonObject, type KubeObject } from '../objects/kube-object.js';
import { valueAt, withValueAt, type FieldPath } from '../objects/field-path.js';
import type { ResolvedObject } from './resolve-objects.js';

/** The objects with live values kept at their generated paths, and the paths kept, by refKey. */
export function keepLiveGeneratedValues(
  resolved: readonly ResolvedObject[],
  members: ReadonlyMap<string, KubeObject>,
): { resolved: ResolvedObject[]; kept: Map<string, FieldPath[]> } {
  const kept = new Map<string, FieldPath[]>();
  const out = resolved.map((r) => {
    const live = members.get(refKey(r.ref));
    if (!live || !r.generated || r.generated.length === 0) return r;
    const result = withLiveValues(r.object, r.generated, live);
    if (result.kept.length === 0) return r;
    kept.set(refKey(r.ref), result.kept);
    return { ...r, object: result.object };
  });
  return { resolved: out, kept };
}

/** `object` with the live value at each generated path the live object has. */
export function withLiveValues(object: KubeObject, generated: readonly FieldPath[], live: KubeObject): { object: KubeObject; kept: FieldPath[] } {
  let current = object;
  const kept: FieldPath[] = [];
  for (const path of generated) {
    if (isIdentityPath(path)) continue;
    const next = isSecretStringData(current, path) ? fromLiveData(current, path, live) : fromLive(current, path, live);
    if (!next) continue;
    current = next;
    kept.push(path);
  }
  return { object: current, kept };
}

function fromLive(object: KubeObject, path: FieldPath, live: KubeObject): KubeObject | undefined {
  const value = valueAt(live, path);
  return value === undefined ? undefined : withValueAt(object, path, value);
}

/** `stringData.<key>` dropped and the live `data.<key>` set in its place. */
function fromLiveData(object: KubeObject, path: FieldPath, live: KubeObject): KubeObject | undefined {
  const key = path[1];
  const value = typeof key === 'string' ? valueAt(live, ['data', key]) : undefined;
  if (typeof key !== 'string' || typeof value !== 'string') return undefined;
  const { stringData, data, ...rest } = object;
  const restStringData = isJsonObject(stringData) ? Object.fromEntries(Object.entries(stringData).filter(([k]) => k !== key)) : {};
  return {
    ...rest,
    ...(Object.keys(restStringData).length > 0 ? { stringData: restStringData } : {}),
    data: { ...(isJsonObject(data) ? data : {}), [key]: value },
  };
}

function isSecretStringData(object: KubeObject, path: FieldPath): boolean {
  return object.kind === 'Secret' && object.apiVersion === 'v1' && path.length === 2 && path[0] === 'stringData';
}
