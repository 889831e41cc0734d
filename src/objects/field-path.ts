// A field of a JSON object as its keys and array indexes (`['data', 'password']`), read and written
// without mutating what it is given, and shown as `data.password` or
// `metadata.annotations["checksum/config"]` (a key that is not an identifier is quoted as JSON).
import { cloneObject, isJsonObject, type JsonObject, type JsonValue } from './kube-object.js';

/** Keys and array indexes from the object's root; empty: the root itself. */
export type FieldPath = readonly (string | number)[];

/** `spec.template.metadata.annotations["checksum/secret"]`, `items[0].name`; `.` for the root. */
export function formatFieldPath(path: FieldPath): string {
  let out = '';
  for (const step of path) {
    if (typeof step === 'number') out += `[${step}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(step)) out += out === '' ? step : `.${step}`;
    else out += `[${JSON.stringify(step)}]`;
  }
  return out === '' ? '.' : out;
}

/** The value at `path`, undefined when a step is missing (or is an index into a non-array). */
export function valueAt(value: JsonValue | undefined, path: FieldPath): JsonValue | undefined {
  let at = value;
  for (const step of path) {
    if (typeof step === 'number') at = Array.isArray(at) ? at[step] : undefined;
    else at = isJsonObject(at) && Object.hasOwn(at, step) ? at[step] : undefined;
    if (at === undefined) return undefined;
  }
  return at;
}

/** A copy of `root` with `value` at `path`; undefined when a step before the last is missing (nothing is created). */
export function withValueAt<T extends JsonObject>(root: T, path: FieldPath, value: JsonValue): T | undefined {
  const last = path[path.length - 1];
  if (last === undefined) return undefined;
  const copy = cloneObject(root);
  const parent = valueAt(copy, path.slice(0, -1));
  if (typeof last === 'number' && Array.isArray(parent) && last < parent.length) parent[last] = value;
  else if (typeof last === 'string' && isJsonObject(parent)) parent[last] = value;
  else return undefined;
  return copy;
}
