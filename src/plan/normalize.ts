// What a diff must not show: fields the server or controllers own, never the user's intent.
import { cloneObject, isJsonObject, type KubeObject } from '../objects/kube-object.js';

const SERVER_METADATA = [
  'managedFields',
  'resourceVersion',
  'uid',
  'generation',
  'creationTimestamp',
  'selfLink',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
];
const NOISE_ANNOTATIONS = ['kubectl.kubernetes.io/last-applied-configuration', 'deployment.kubernetes.io/revision'];

/** A copy without status, server-populated metadata and bookkeeping annotations. */
export function normalizeForDiff(obj: KubeObject): KubeObject {
  // Only what the diff keeps is copied: managedFields and status are often most of a live object.
  const { status: _status, metadata, ...rest } = obj;
  const kept = Object.fromEntries(Object.entries(metadata).filter(([key]) => !SERVER_METADATA.includes(key)));
  const out = cloneObject({ ...rest, metadata: kept } as KubeObject);
  const annotations = out.metadata.annotations;
  if (isJsonObject(annotations)) {
    for (const key of NOISE_ANNOTATIONS) delete annotations[key];
    if (Object.keys(annotations).length === 0) delete out.metadata.annotations;
  }
  if (isJsonObject(out.metadata.labels) && Object.keys(out.metadata.labels).length === 0) delete out.metadata.labels;
  return out;
}

/** Deep equality of JSON values, independent of key order. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  if (isJsonObject(a) && isJsonObject(b)) {
    const ak = Object.keys(a);
    const bo = b as Record<string, unknown>;
    return ak.length === Object.keys(bo).length && ak.every((k) => k in bo && jsonEqual((a as Record<string, unknown>)[k], bo[k]));
  }
  return false;
}
