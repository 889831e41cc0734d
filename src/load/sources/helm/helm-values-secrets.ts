// The values a chart renders with (inline values, values files, and the chart's own values.yaml
// defaults, its unpacked subcharts' included), as strings to keep out of helm's error messages: a
// template's `fail` or a type error can quote a value, and values often hold passwords (a chart's
// default one too). Only a failure's message is redacted with them; rendered objects go through
// the run's redactor like any other manifest.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { isJsonObject, type JsonValue } from '../../../objects/kube-object.js';
import { localReferences, walkKustomizations } from '../kustomize/kustomize-secrets.js';
import { MAX_MANIFEST_BYTES } from '../../manifest-limits.js';

/** Strings shorter than this are left alone (`true`, `web`, a replica count). */
const MIN_LENGTH = 5;

export function chartValueStrings(values: JsonValue, valuesFiles: readonly string[]): string[] {
  const out = new Set<string>();
  collect(values, out);
  for (const file of valuesFiles) {
    try {
      if (statSync(file).size <= MAX_MANIFEST_BYTES) collect(load(readFileSync(file, 'utf8')) as JsonValue, out);
    } catch {
      // helm reports an unreadable values file itself; there is nothing of it to redact.
    }
  }
  return [...out];
}

const MAX_KUSTOMIZATIONS = 200;

/**
 * The values kustomize's helmCharts render with, in the kustomization in `dir` and the local ones it
 * references: valuesInline, valuesFile, and the defaults of the chart under chartHome (a local chart,
 * or one kustomize pulled there before, as `<name>` or `<name>-<version>/<name>`).
 */
export function kustomizeHelmValueStrings(dir: string): string[] {
  const out = new Set<string>();
  walkKustomizations(path.resolve(dir), MAX_KUSTOMIZATIONS, (current, doc) => {
    const globals = isJsonObject(doc.helmGlobals) ? doc.helmGlobals : {};
    const home = path.resolve(current, typeof globals.chartHome === 'string' ? globals.chartHome : 'charts');
    for (const chart of Array.isArray(doc.helmCharts) ? doc.helmCharts : []) {
      if (!isJsonObject(chart)) continue;
      const files = typeof chart.valuesFile === 'string' ? [path.resolve(current, chart.valuesFile)] : [];
      if (typeof chart.name === 'string' && chart.name !== '') {
        const version = typeof chart.version === 'string' ? chart.version : '';
        for (const chartDir of [path.join(home, chart.name), path.join(home, `${chart.name}-${version}`, chart.name)])
          files.push(...chartDefaultValuesFiles(chartDir));
      }
      for (const value of chartValueStrings(chart.valuesInline ?? null, files)) out.add(value);
    }
    return localReferences(doc).map((ref) => path.resolve(current, ref));
  });
  return [...out];
}

/** How deep subcharts are looked for (charts/<a>/charts/<b>/...). */
const MAX_SUBCHART_DEPTH = 5;

/** The chart's own values.yaml and those of the subcharts unpacked under its charts/ (archived ones are left to helm). */
export function chartDefaultValuesFiles(chartDir: string, depth = 0): string[] {
  const own = path.join(chartDir, 'values.yaml');
  if (depth > MAX_SUBCHART_DEPTH) return [own];
  let subcharts: string[] = [];
  try {
    subcharts = readdirSync(path.join(chartDir, 'charts'), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => path.join(chartDir, 'charts', e.name));
  } catch {
    // no charts/ directory
  }
  return [own, ...subcharts.flatMap((dir) => chartDefaultValuesFiles(dir, depth + 1))];
}

/**
 * Every string of 5 characters or more, each collection visited once: YAML aliases share one object,
 * so a "billion laughs" file or a recursive alias costs what is written, never its expansion.
 */
function collect(root: JsonValue | undefined, out: Set<string>): void {
  const seen = new Set<object>();
  const stack: (JsonValue | undefined)[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'string') {
      if (value.length >= MIN_LENGTH) out.add(value);
    } else if (typeof value === 'object' && value !== null && !seen.has(value)) {
      seen.add(value);
      for (const child of Array.isArray(value) ? value : Object.values(value)) stack.push(child);
    }
  }
}
