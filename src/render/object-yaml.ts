// Stable YAML for diffs: apiVersion, kind, metadata, spec, data, stringData first, then the
// rest alphabetically; nested keys sorted; arrays in their order.
import { dump } from 'js-yaml';
import { isJsonObject, type JsonValue, type KubeObject } from '../objects/kube-object.js';

const TOP_ORDER = ['apiVersion', 'kind', 'metadata', 'spec', 'data', 'stringData'];

function sortDeep(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(sortDeep);
  if (!isJsonObject(value)) return value;
  const out: Record<string, JsonValue> = {};
  for (const key of Object.keys(value).sort()) out[key] = sortDeep(value[key]!);
  return out;
}

export function objectYaml(obj: KubeObject | undefined): string {
  if (!obj) return '';
  const ordered: Record<string, JsonValue> = {};
  const keys = [...TOP_ORDER.filter((k) => k in obj), ...Object.keys(obj).filter((k) => !TOP_ORDER.includes(k)).sort()];
  for (const key of keys) ordered[key] = sortDeep(obj[key]!);
  return dump(ordered, { lineWidth: -1, noRefs: true });
}
