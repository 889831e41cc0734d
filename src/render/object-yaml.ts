// Stable YAML for diffs: apiVersion, kind, metadata, spec, data, stringData first, then the
// rest alphabetically; nested keys sorted; arrays in their order. A manifest as written keeps its own order.
import { dump } from 'js-yaml';
import { isJsonObject, type JsonValue, type KubeObject } from '../objects/kube-object.js';

const TOP_ORDER = ['apiVersion', 'kind', 'metadata', 'spec', 'data', 'stringData'];

/** Array.prototype.sort's default order (UTF-16 code units). */
function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** TOP_ORDER's keys first, in that order; every other key after them. */
function rank(key: string): number {
  const i = TOP_ORDER.indexOf(key);
  return i < 0 ? TOP_ORDER.length : i;
}

function sortDeep(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(sortDeep);
  if (!isJsonObject(value)) return value;
  const out: Record<string, JsonValue> = {};
  for (const [key, v] of Object.entries(value).sort(([a], [b]) => byCodeUnit(a, b))) out[key] = sortDeep(v);
  return out;
}

export function objectYaml(obj: KubeObject | undefined): string {
  if (!obj) return '';
  const ordered: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(obj).sort(([a], [b]) => rank(a) - rank(b) || byCodeUnit(a, b))) ordered[key] = sortDeep(value);
  return dump(ordered, { lineWidth: -1, noRefs: true });
}

/** The object's YAML with its keys in the order they have (a create's manifest as written). */
export function writtenYaml(obj: KubeObject | undefined): string {
  return obj ? dump(obj, { lineWidth: -1, noRefs: true }) : '';
}
