// Proves, from the live object alone, that a server-side apply of a manifest would change nothing,
// so the plan can call it unchanged without a dry-run request. The proof, read from the live
// object's managedFields (KEP-555):
//   1. our field manager's Apply entry owns exactly the fields the manifest sets (none more, so the
//      apply removes nothing; none fewer, so nobody else took a field over), at the same apiVersion;
//   2. the live value of every field the manifest sets equals the manifest's value.
// Then the apply keeps every value and every ownership as it is. Anything this code does not
// recognise (a null, an unknown list key, a value the server normalised, such as `cpu: 0.5` stored
// as `500m`) answers "not proven", and the planner asks the server with a dry-run, as before.
// The answer may be "not proven" when the object is unchanged; it is never "unchanged" when it is not.
import { isJsonObject, type JsonObject, type JsonValue, type KubeObject } from '../objects/kube-object.js';
import { jsonEqual } from './normalize.js';

/** Fields server-side apply identifies objects by; they never appear in managedFields. */
const IDENTITY_METADATA = ['name', 'namespace'];

export function isProvenNoOpApply(desired: KubeObject, live: KubeObject, fieldManager: string): boolean {
  if (live.apiVersion !== desired.apiVersion || live.kind !== desired.kind) return false;
  const owned = ownedFields(live, fieldManager, desired.apiVersion);
  if (!owned) return false;
  const { apiVersion: _a, kind: _k, ...rest } = desired;
  const fields: JsonObject = rest;
  const metadata: JsonObject = { ...desired.metadata };
  for (const key of IDENTITY_METADATA) delete metadata[key];
  if (Object.keys(metadata).length > 0) fields.metadata = metadata;
  else delete fields.metadata;
  return matches(fields, owned, live);
}

/** The fieldsV1 of our manager's Apply entry (main resource, same apiVersion), if there is exactly one. */
function ownedFields(live: KubeObject, fieldManager: string, apiVersion: string): JsonObject | undefined {
  const entries = Array.isArray(live.metadata.managedFields) ? live.metadata.managedFields.filter(isJsonObject) : [];
  const ours = entries.filter((e) => e.manager === fieldManager && e.operation === 'Apply' && !e.subresource);
  const [entry, ...others] = ours;
  if (!entry || others.length > 0) return undefined;
  if (entry.apiVersion !== apiVersion || entry.fieldsType !== 'FieldsV1' || !isJsonObject(entry.fieldsV1)) return undefined;
  return entry.fieldsV1;
}

/** Does the owned field set `owned` equal the fields of `wanted`, with `live` holding the same values? */
function matches(wanted: JsonValue, owned: JsonObject, live: JsonValue | undefined): boolean {
  if (wanted === null || live === undefined) return false;
  const children = Object.keys(owned).filter((k) => k !== '.');
  if (Array.isArray(wanted)) return Array.isArray(live) && listMatches(wanted, owned, children, live);
  if (isJsonObject(wanted)) {
    if (!isJsonObject(live)) return false;
    const keys = Object.keys(wanted);
    // A map owned whole (atomic, like a Service's selector): nobody else changed it, or they would own it now.
    if (children.length === 0 && keys.length > 0) return containedIn(wanted, live);
    if (children.length !== keys.length) return false;
    return Object.entries(wanted).every(([k, w]) => {
      const child = owned[`f:${k}`];
      return isJsonObject(child) && matches(w, child, live[k]);
    });
  }
  return children.length === 0 && jsonEqual(wanted, live);
}

/**
 * A list is owned whole (atomic: no children), or item by item: `v:<value>` for sets of scalars,
 * `k:{"name":"app"}` for maps keyed by fields. Items must match one to one and keep their order.
 */
function listMatches(wanted: JsonValue[], owned: JsonObject, children: string[], live: JsonValue[]): boolean {
  if (children.length === 0) return live.length === wanted.length && wanted.every((w, i) => containedIn(w, live[i]));
  if (children.length !== wanted.length) return false;
  const used = new Set<string>();
  let lastIndex = -1;
  for (const item of wanted) {
    const child = children.find((c) => !used.has(c) && identifies(c, item, 'exact')) ?? children.find((c) => !used.has(c) && identifies(c, item, 'defaulted'));
    if (!child) return false;
    used.add(child);
    const index = live.findIndex((l, i) => i > lastIndex && identifies(child, l, 'exact'));
    if (index < 0) return false;
    lastIndex = index;
    const fields = owned[child];
    if (!isJsonObject(fields)) return false;
    if (child.startsWith('v:')) continue;
    if (!matches(item, fields, live[index])) return false;
  }
  return true;
}

/**
 * Does the managedFields path element `child` (`v:...` or `k:{...}`) name this list item?
 * `defaulted`: a key field the manifest leaves out (a port's `protocol`) is one the server filled
 * in; whether we own it is then checked by `matches`, which finds the field in the owned set or not.
 */
function identifies(child: string, item: JsonValue, keys: 'exact' | 'defaulted'): boolean {
  const key = parseElement(child.slice(2));
  if (key === undefined) return false;
  if (child.startsWith('v:')) return jsonEqual(key, item);
  if (!child.startsWith('k:') || !isJsonObject(key) || !isJsonObject(item)) return false;
  return Object.entries(key).every(([k, v]) => (k in item ? jsonEqual(item[k], v) : keys === 'defaulted'));
}

function parseElement(text: string): JsonValue | undefined {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return undefined;
  }
}

/** Every field of `wanted` is in `live` with the same value (live may hold defaults besides). */
function containedIn(wanted: JsonValue, live: JsonValue | undefined): boolean {
  if (live === undefined) return false;
  if (isJsonObject(wanted)) return isJsonObject(live) && Object.entries(wanted).every(([k, v]) => containedIn(v, live[k]));
  if (Array.isArray(wanted)) return Array.isArray(live) && live.length === wanted.length && wanted.every((w, i) => containedIn(w, live[i]));
  return jsonEqual(wanted, live);
}
