// Non-determinism: a chart is rendered twice, and a field whose value differs between the two
// renders (`randAlphaNum`, `genCA`, `now`) is named by its path, so the plan can keep the live value
// there (a generated password stays the one in the cluster) and say so. Only paths leave this
// module, never values (a Secret's random password is one); the second render's objects are dropped.
import type { DesiredObject } from '../../../objects/desired-object.js';
import type { FieldPath } from '../../../objects/field-path.js';
import { isJsonObject, type JsonValue } from '../../../objects/kube-object.js';
import { refKey, refOf } from '../../../objects/object-ref.js';

/** At most this many paths are kept per object (the plan shows fewer). */
const MAX_PATHS = 100;

/** The path of an object whose name (or namespace) differs between the two renders. */
export const NAME_PATH: FieldPath = ['metadata', 'name'];

/** Each object of the first render mapped to the paths where the second differs (objects that differ nowhere are left out). */
export function nonDeterministicPaths(first: readonly DesiredObject[], second: readonly DesiredObject[]): Map<DesiredObject, FieldPath[]> {
  const again = new Map(second.map((d) => [refKey(refOf(d.object)), d.object] as const));
  const out = new Map<DesiredObject, FieldPath[]>();
  for (const d of first) {
    const other = again.get(refKey(refOf(d.object)));
    // Not rendered under the same identity again: its name (or namespace) is what changes.
    const paths = other ? renderDifferences(d.object, other, [], []) : [NAME_PATH];
    if (paths.length > 0) out.set(d, paths);
  }
  return out;
}

/** The paths below `at` where the two values differ, in document order. */
function renderDifferences(a: JsonValue | undefined, b: JsonValue | undefined, at: FieldPath, out: FieldPath[]): FieldPath[] {
  if (out.length >= MAX_PATHS) return out;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.push(at);
    else a.forEach((v, i) => renderDifferences(v, b[i], [...at, i], out));
    return out;
  }
  if (isJsonObject(a) && isJsonObject(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) renderDifferences(a[key], b[key], [...at, key], out);
    return out;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) out.push(at);
  return out;
}
