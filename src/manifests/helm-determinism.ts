// Non-determinism: a chart is rendered twice, and a field whose value differs between the two
// renders (`randAlphaNum`, `genCA`, `now`) is named by its path, so the plan can say that its change
// is not a real one. Only paths leave this module, never values (a Secret's random password is
// one); the second render's objects are dropped.
import type { DesiredObject } from '../objects/desired-object.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../objects/kube-object.js';
import { refKey, refOf } from '../objects/object-ref.js';

/** At most this many paths are named per object. */
const MAX_PATHS = 10;

/** Each object of the first render mapped to the paths where the second differs (objects that differ nowhere are left out). */
export function nonDeterministicPaths(first: readonly DesiredObject[], second: readonly DesiredObject[]): Map<DesiredObject, string[]> {
  const again = new Map(second.map((d) => [refKey(refOf(d.object)), d.object] as const));
  const out = new Map<DesiredObject, string[]>();
  for (const d of first) {
    const other = again.get(refKey(refOf(d.object)));
    // Not rendered under the same identity again: its name (or namespace) is what changes.
    const paths = other ? differingPaths(d.object, other, '', []).slice(0, MAX_PATHS) : ['metadata.name'];
    if (paths.length > 0) out.set(d, paths);
  }
  return out;
}

/** The paths below `at` where the two values differ, in document order. */
export function differingPaths(a: JsonValue | undefined, b: JsonValue | undefined, at: string, out: string[]): string[] {
  if (out.length >= MAX_PATHS) return out;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return push(out, at);
    a.forEach((v, i) => differingPaths(v, b[i], `${at}[${i}]`, out));
    return out;
  }
  if (isObject(a) && isObject(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) differingPaths(a[key], b[key], join(at, key), out);
    return out;
  }
  return JSON.stringify(a) === JSON.stringify(b) ? out : push(out, at);
}

function isObject(v: JsonValue | undefined): v is JsonObject {
  return isJsonObject(v);
}

function push(out: string[], at: string): string[] {
  out.push(at === '' ? '.' : at);
  return out;
}

/** `spec.replicas`, `metadata.annotations["checksum/config"]`. */
function join(at: string, key: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) return at === '' ? key : `${at}.${key}`;
  return `${at}[${JSON.stringify(key)}]`;
}
