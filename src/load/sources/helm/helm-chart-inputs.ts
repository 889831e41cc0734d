// What the HelmChart documents of a load take from the workspace: their local chart directories and
// their values files. A values file met under `path` is its chart's input, not a manifest, and is
// not read as one (as kustomize's inputs are not); a chart directory met under `path` that no
// HelmChart document names gets one problem, at its Chart.yaml, showing the document to write.
// Paths are compared by where they really lead (symlinks resolved), workspace-relative.
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { isJsonObject, type KubeObject } from '../../../objects/kube-object.js';
import type { Problem } from '../../../model/problem.js';
import { HELM_CHART_API_VERSION, HELM_CHART_KIND, readHelmChart } from './helm-chart-spec.js';
import { realRelative, type Workspace } from '../../workspace-boundary.js';
import type { ParsedDocument } from '../../yaml-documents.js';

export interface ChartInputs {
  /** Workspace-relative real paths of values files → `HelmChart/<name>` of the first document naming each. */
  valuesFiles: Map<string, string>;
  /** Workspace-relative real chart directories → `HelmChart/<name>` of the first document naming each. */
  chartDirs: Map<string, string>;
}

/** The inputs named by the HelmChart documents among the parsed files (invalid documents are reported later). */
export async function declaredChartInputs(ws: Workspace, files: readonly { file: string; documents: readonly ParsedDocument[] }[]): Promise<ChartInputs> {
  const inputs: ChartInputs = { valuesFiles: new Map(), chartDirs: new Map() };
  for (const { file, documents } of files) {
    for (const doc of documents) {
      if (!isHelmChartDocument(doc.value)) continue;
      const spec = readHelmChart({ object: doc.value, source: { file, line: doc.line } }, 'default');
      if ('problem' in spec) continue;
      const name = `HelmChart/${spec.release}`;
      for (const f of spec.valuesFiles) setFirst(inputs.valuesFiles, await realRelativeOf(ws, f), name);
      if (spec.chart.kind === 'local') setFirst(inputs.chartDirs, await realRelativeOf(ws, spec.chart.dir), name);
    }
  }
  return inputs;
}

/** One problem per chart directory met under `path` that no HelmChart document names. */
export function undeclaredCharts(charts: readonly string[], inputs: ChartInputs): Problem[] {
  return charts
    .filter((dir) => !inputs.chartDirs.has(dir))
    .map((dir) => ({ message: undeclaredChartMessage(dir), source: { file: `${dir}/Chart.yaml`, line: 1 } }));
}

function undeclaredChartMessage(dir: string): string {
  const name = path.posix.basename(dir);
  const parent = path.posix.dirname(dir);
  const beside = parent === '.' ? `${name}-release.yaml` : `${parent}/${name}-release.yaml`;
  return (
    `'${dir}' is a Helm chart (it has a Chart.yaml): its templates are not manifests, and no HelmChart document under path names it. ` +
    `Declare its release with a HelmChart document, such as '${beside}': ` +
    `{apiVersion: ${HELM_CHART_API_VERSION}, kind: ${HELM_CHART_KIND}, metadata: {name: ${name}, namespace: ${name}}, spec: {chart: ./${name}}} ` +
    '(spec.chart is relative to the document\'s file; see the README, "Helm charts")'
  );
}

function isHelmChartDocument(value: unknown): value is KubeObject {
  return (
    isJsonObject(value) &&
    value.apiVersion === HELM_CHART_API_VERSION &&
    value.kind === HELM_CHART_KIND &&
    isJsonObject(value.metadata) &&
    typeof value.metadata.name === 'string'
  );
}

function setFirst(map: Map<string, string>, key: string, value: string): void {
  if (!map.has(key)) map.set(key, value);
}

/** A workspace-relative path as where it really leads (itself when it does not exist). */
async function realRelativeOf(ws: Workspace, rel: string): Promise<string> {
  const abs = path.resolve(ws.root, rel);
  return realRelative(ws, await realpath(abs).catch(() => path.resolve(ws.realRoot, rel)));
}
