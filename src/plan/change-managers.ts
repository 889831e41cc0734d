// Who changed what in the cluster: the field managers (from the live object's managedFields) that
// own a field the merge sets back. Pure; lists are compared whole (a changed container is owned by
// whoever owns `containers`), which is as deep as managedFields can be read without its list keys.
import { isJsonObject, type JsonValue, type KubeObject } from '../objects/kube-object.js';
import { jsonEqual } from './normalize.js';
import type { ManagerWrite } from '../model/plan.js';

/** Field paths (map keys only) where `before` and `after` differ; a list that differs is one path. */
export function differingPaths(before: JsonValue | undefined, after: JsonValue | undefined, path: string[] = []): string[][] {
  if (jsonEqual(before, after)) return [];
  if (!isJsonObject(before ?? null) || !isJsonObject(after ?? null)) return [path];
  const b = before as Record<string, JsonValue>;
  const a = after as Record<string, JsonValue>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  return keys.flatMap((k) => differingPaths(b[k], a[k], [...path, k]));
}

/** Does a fieldsV1 tree own this path (or a field under it)? */
function owns(fields: JsonValue | undefined, path: readonly string[]): boolean {
  let node = fields;
  for (const segment of path) {
    if (!isJsonObject(node ?? null)) return false;
    node = (node as Record<string, JsonValue>)[`f:${segment}`];
    if (node === undefined) return false;
  }
  return true;
}

/**
 * The managers other than `ours` (status writers left out) owning a field that differs between the
 * live object (`before`, normalised) and what the merge leaves (`after`); most recent first.
 */
export function managersOfChange(live: KubeObject, before: KubeObject, after: KubeObject, ours: string): ManagerWrite[] {
  const paths = differingPaths(before, after);
  const entries = Array.isArray(live.metadata.managedFields) ? live.metadata.managedFields : [];
  const out: ManagerWrite[] = [];
  for (const raw of entries) {
    if (!isJsonObject(raw)) continue;
    const { manager, operation, time, subresource, fieldsV1 } = raw;
    if (typeof manager !== 'string' || manager === ours || (typeof subresource === 'string' && subresource !== '')) continue;
    if (!paths.some((p) => owns(fieldsV1, p))) continue;
    out.push({ manager, operation: typeof operation === 'string' ? operation : 'Update', ...(typeof time === 'string' ? { time } : {}) });
  }
  return out.sort((x, y) => (y.time ?? '').localeCompare(x.time ?? ''));
}
