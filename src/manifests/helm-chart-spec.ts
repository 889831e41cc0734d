// The HelmChart document (apiVersion kube-gitops.io/v1alpha1): a local chart to render with
// `helm template`, read by the loader and never applied. Narrowed here from unknown input.
import path from 'node:path';
import type { DesiredObject } from '../objects/desired-object.js';
import { getNamespace, isJsonObject, type JsonObject, type KubeObject } from '../objects/kube-object.js';

export const HELM_CHART_API_VERSION = 'kube-gitops.io/v1alpha1';
export const HELM_CHART_KIND = 'HelmChart';

/** One chart to render, its paths relative to the workspace (forward slashes). */
export interface HelmChartSpec {
  /** The release name (metadata.name). */
  release: string;
  /** The release namespace: metadata.namespace, else the `namespace` input. */
  namespace: string;
  /** The chart directory, relative to the workspace. */
  chart: string;
  /** Inline values, applied after the values files. */
  values: JsonObject;
  /** Values files relative to the workspace, in order. */
  valuesFiles: string[];
  /** Whether the chart's crds/ folder is rendered (default true). */
  includeCRDs: boolean;
}

export function isHelmChart(object: KubeObject): boolean {
  return object.apiVersion === HELM_CHART_API_VERSION && object.kind === HELM_CHART_KIND;
}

/** The spec of a HelmChart document, or what is wrong with it. */
export function readHelmChart(d: DesiredObject, defaultNamespace: string): HelmChartSpec | { problem: string } {
  const spec = d.object.spec;
  const name = d.object.metadata.name;
  if (!isJsonObject(spec ?? null)) return { problem: `HelmChart/${name}: spec is missing or not a mapping (it needs spec.chart, a chart directory)` };
  const s = spec as JsonObject;
  if (typeof s.chart !== 'string' || s.chart === '') return { problem: `HelmChart/${name}: spec.chart must be a chart directory relative to this file` };
  if (s.values !== undefined && !isJsonObject(s.values)) return { problem: `HelmChart/${name}: spec.values must be a mapping of values` };
  const files = s.valuesFiles ?? [];
  if (!Array.isArray(files) || !files.every((f): f is string => typeof f === 'string' && f !== '')) {
    return { problem: `HelmChart/${name}: spec.valuesFiles must be a list of file paths relative to this file` };
  }
  if (s.includeCRDs !== undefined && typeof s.includeCRDs !== 'boolean') return { problem: `HelmChart/${name}: spec.includeCRDs must be true or false` };
  const dir = path.posix.dirname(d.source.file);
  return {
    release: name,
    namespace: getNamespace(d.object) ?? defaultNamespace,
    chart: path.posix.join(dir, s.chart),
    values: isJsonObject(s.values) ? s.values : {},
    valuesFiles: files.map((f) => path.posix.join(dir, f)),
    includeCRDs: s.includeCRDs !== false,
  };
}
