// The files a kustomization names, by what they are to kustomize. Resources are manifests of their
// own; everything else it names (patches, configurations, replacements, generator and transformer
// configs, CRD schemas, generator sources) is kustomize's input and never a manifest.
import { isJsonObject, type JsonValue } from '../../../objects/kube-object.js';

export interface NamedInputs {
  /** Entries of `resources` and `bases`, as written (files or directories). */
  resources: string[];
  /** Every other file entry, as written, with what it is for (`a patch`, `a generator's source`...). */
  inputs: { entry: string; role: string }[];
}

const STRING_LISTS: [field: string, role: string][] = [
  ['patchesStrategicMerge', 'a patch'],
  ['configurations', 'a transformer configuration'],
  ['crds', 'a CRD schema'],
  ['generators', 'a generator'],
  ['transformers', 'a transformer'],
  ['validators', 'a validator'],
];
const PATH_LISTS: [field: string, role: string][] = [
  ['patches', 'a patch'],
  ['patchesJson6902', 'a patch'],
  ['replacements', 'a replacement'],
];

export function namedInputs(doc: Record<string, JsonValue>): NamedInputs {
  const inputs: NamedInputs['inputs'] = [];
  const add = (entry: JsonValue | undefined, role: string) => {
    // An inline patch (text with a line break) names no file.
    if (typeof entry === 'string' && entry !== '' && !entry.includes('\n')) inputs.push({ entry, role });
  };
  for (const [field, role] of STRING_LISTS) for (const e of listOf(doc[field])) add(e, role);
  for (const [field, role] of PATH_LISTS) for (const e of listOf(doc[field])) add(isJsonObject(e) ? e.path : undefined, role);
  const openapi = doc.openapi;
  if (isJsonObject(openapi)) add(openapi.path, 'an OpenAPI schema');
  for (const gen of [...listOf(doc.configMapGenerator), ...listOf(doc.secretGenerator)]) {
    if (!isJsonObject(gen)) continue;
    for (const f of listOf(gen.files)) add(typeof f === 'string' ? f.slice(f.indexOf('=') + 1) : undefined, "a generator's source");
    for (const f of [...listOf(gen.envs), gen.env]) add(f, "a generator's source");
  }
  for (const chart of listOf(doc.helmCharts)) if (isJsonObject(chart)) add(chart.valuesFile, 'a Helm values file');
  const resources = [...listOf(doc.resources), ...listOf(doc.bases)].filter((r): r is string => typeof r === 'string');
  return { resources, inputs };
}

function listOf(value: JsonValue | undefined): JsonValue[] {
  return Array.isArray(value) ? value : [];
}
