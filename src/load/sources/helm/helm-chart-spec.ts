// The HelmChart document (apiVersion kube-gitops.io/v1alpha1): a chart to render with
// `helm template`, read by the loader and never applied. Narrowed here from unknown input.
import path from 'node:path';
import type { DesiredObject } from '../../../objects/desired-object.js';
import { getNamespace, isJsonObject, type JsonObject, type KubeObject } from '../../../objects/kube-object.js';
import { readChartLocation, type ChartLocation } from './helm-chart-location.js';

export const HELM_CHART_API_VERSION = 'kube-gitops.io/v1alpha1';
export const HELM_CHART_KIND = 'HelmChart';

/** One chart to render, its paths relative to the workspace (forward slashes). */
export interface HelmChartSpec {
  /** The release name (metadata.name). */
  release: string;
  /** The release namespace: metadata.namespace, else the `namespace` input. */
  namespace: string;
  /** Where the chart comes from. */
  chart: ChartLocation;
  /** Inline values, applied after the values files. */
  values: JsonObject;
  /** Values files relative to the workspace, in order. */
  valuesFiles: string[];
  /** Whether the chart's crds/ folder is rendered (default true). */
  includeCRDs: boolean;
  /** `.Capabilities.KubeVersion` (spec.kubeVersion); default the live cluster's. */
  kubeVersion?: string;
  /** Added to the live cluster's `.Capabilities.APIVersions` (spec.apiVersions). */
  apiVersions: string[];
}

export function isHelmChart(object: KubeObject): boolean {
  return object.apiVersion === HELM_CHART_API_VERSION && object.kind === HELM_CHART_KIND;
}

/** The spec of a HelmChart document, or what is wrong with it. */
export function readHelmChart(d: DesiredObject, defaultNamespace: string): HelmChartSpec | { problem: string } {
  const spec = d.object.spec;
  const name = d.object.metadata.name;
  if (!isJsonObject(spec ?? null)) return { problem: `HelmChart/${name}: spec is missing or not a mapping (it needs spec.chart)` };
  const s = spec as JsonObject;
  const chart = readChartLocation(s, d.source.file, name);
  if ('problem' in chart) return chart;
  if (s.values !== undefined && !isJsonObject(s.values)) return { problem: `HelmChart/${name}: spec.values must be a mapping of values` };
  const files = stringList(s.valuesFiles);
  if (!files) return { problem: `HelmChart/${name}: spec.valuesFiles must be a list of file paths relative to this file` };
  if (s.includeCRDs !== undefined && typeof s.includeCRDs !== 'boolean') return { problem: `HelmChart/${name}: spec.includeCRDs must be true or false` };
  const kubeVersion = s.kubeVersion ?? '';
  if (typeof kubeVersion !== 'string' || (kubeVersion !== '' && !/^v?\d+\.\d+(?:\.\d+)?$/.test(kubeVersion))) {
    return { problem: `HelmChart/${name}: spec.kubeVersion must be a Kubernetes version such as v1.31.0 (or left out for the live cluster's)` };
  }
  const apiVersions = stringList(s.apiVersions);
  if (!apiVersions || apiVersions.some((v) => /\s/.test(v))) {
    return {
      problem: `HelmChart/${name}: spec.apiVersions must be a list of API versions such as monitoring.coreos.com/v1 or monitoring.coreos.com/v1/ServiceMonitor`,
    };
  }
  const dir = path.posix.dirname(d.source.file);
  return {
    release: name,
    namespace: getNamespace(d.object) ?? defaultNamespace,
    chart,
    values: isJsonObject(s.values) ? s.values : {},
    valuesFiles: files.map((f) => path.posix.join(dir, f)),
    includeCRDs: s.includeCRDs !== false,
    ...(kubeVersion === '' ? {} : { kubeVersion }),
    apiVersions,
  };
}

/** A list of non-empty strings (absent: empty), or undefined when it is something else. */
function stringList(value: unknown): string[] | undefined {
  const list = value ?? [];
  return Array.isArray(list) && list.every((f): f is string => typeof f === 'string' && f !== '') ? list : undefined;
}
