// A create is shown as its author wrote it: the manifest's own fields in the manifest's key order,
// without what the server writes on every object (normalize.ts) and without our ApplySet label.
// The server's dry-run still validates it; its answer stays the entry's `after` (and the plan file's).
import { isJsonObject, type JsonObject, type JsonValue, type KubeObject } from '../objects/kube-object.js';
import { PART_OF_LABEL } from '../inventory/applyset.js';
import { normalizeForDiff } from './normalize.js';

/** `desired` (the object to apply) as written: normalised, our label left out, keys in the order the manifest has them. */
export function writtenForm(desired: KubeObject): KubeObject {
  const out = normalizeForDiff(desired);
  const labels = out.metadata.labels;
  if (isJsonObject(labels)) {
    delete labels[PART_OF_LABEL];
    if (Object.keys(labels).length === 0) delete out.metadata.labels;
  }
  return inOrderOf(out, desired) as KubeObject;
}

/** `value` with every map's keys in the order `template` has them (keys the template lacks after them). */
export function inOrderOf(value: JsonValue, template: JsonValue | undefined): JsonValue {
  if (Array.isArray(value)) return value.map((v, i) => inOrderOf(v, Array.isArray(template) ? template[i] : undefined));
  if (!isJsonObject(value)) return value;
  const shape: JsonObject = isJsonObject(template) ? template : {};
  const keys = [...Object.keys(shape).filter((k) => k in value), ...Object.keys(value).filter((k) => !(k in shape))];
  const out: JsonObject = {};
  for (const k of keys) out[k] = inOrderOf(value[k] as JsonValue, shape[k]);
  return out;
}
