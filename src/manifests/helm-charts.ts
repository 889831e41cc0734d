// Replaces each HelmChart document among the loaded objects by the objects its chart renders to.
// The chart and its values files must be inside the workspace; every rendered object's source is
// the HelmChart document (file:line) and the template helm names in its `# Source:` comment.
// Namespaced objects without a namespace get the release namespace (helm template does not set it).
import path from 'node:path';
import type { Logger } from '../logging.js';
import { clusterScopedCustomKinds, isNamespacedKind } from '../objects/cluster-scoped-kinds.js';
import type { DesiredObject } from '../objects/desired-object.js';
import { refOf } from '../objects/object-ref.js';
import type { Problem } from '../problems/problem.js';
import type { CapabilitiesSource, HelmCapabilities } from './helm-capabilities.js';
import { readHelmChart, isHelmChart, type HelmChartSpec } from './helm-chart-spec.js';
import { HelmTemplateError, helmTemplate } from './helm-template.js';
import { toObjects } from './manifest-validation.js';
import { openWorkspace, resolveInWorkspace, type Workspace } from './workspace-boundary.js';
import { parseDocuments } from './yaml-documents.js';

export interface HelmChartOptions {
  workspace: string;
  /** The release namespace of a HelmChart without metadata.namespace (the `namespace` input). */
  namespace: string;
  logger: Logger;
  /** The live cluster's Capabilities, asked once when a HelmChart document is found. */
  capabilities?: CapabilitiesSource;
}

/** The objects with every HelmChart document rendered in its place; problems name the HelmChart document. */
export async function expandHelmCharts(objects: readonly DesiredObject[], options: HelmChartOptions, problems: Problem[]): Promise<DesiredObject[]> {
  if (!objects.some((d) => isHelmChart(d.object))) return [...objects];
  const ws = await openWorkspace(options.workspace);
  const capabilities = await options.capabilities?.();
  if (!options.capabilities)
    options.logger.info(
      "Rendering Helm charts with helm's built-in Capabilities (no cluster to ask): charts that check .Capabilities may render differently against the cluster",
    );
  const expanded = await Promise.all(objects.map((d) => (isHelmChart(d.object) ? renderChart(d, ws, options, problems, capabilities) : Promise.resolve([d]))));
  return expanded.flat();
}

async function renderChart(
  d: DesiredObject,
  ws: Workspace,
  options: HelmChartOptions,
  problems: Problem[],
  capabilities?: HelmCapabilities,
): Promise<DesiredObject[]> {
  const fail = (message: string): DesiredObject[] => {
    problems.push({ message, source: d.source });
    return [];
  };
  const spec = readHelmChart(d, options.namespace);
  if ('problem' in spec) return fail(spec.problem);
  const name = `HelmChart/${spec.release}`;
  const chartDir = await insidePath(ws, spec.chart, 'directory');
  if ('problem' in chartDir) return fail(`${name}: the chart ${chartDir.problem}`);
  const chartFile = await insidePath(ws, path.posix.join(spec.chart, 'Chart.yaml'), 'file');
  if ('problem' in chartFile) return fail(`${name}: '${spec.chart}' is not a chart directory: it has no Chart.yaml`);
  const valuesFiles: string[] = [];
  for (const f of spec.valuesFiles) {
    const found = await insidePath(ws, f, 'file');
    if ('problem' in found) return fail(`${name}: the values file ${found.problem}`);
    valuesFiles.push(found.real);
  }
  let text: string;
  try {
    text = await helmTemplate({ ...spec, chartDir: chartDir.real, valuesFiles, workspace: ws.realRoot, ...(capabilities ? { capabilities } : {}) });
  } catch (error) {
    if (!(error instanceof HelmTemplateError)) throw error;
    return fail(`${name}: helm template failed: ${error.message}`);
  }
  return renderedObjects(d, spec, text, problems, options.logger);
}

/** A workspace path that must exist as a directory or a regular file inside the workspace. */
async function insidePath(ws: Workspace, rel: string, want: 'directory' | 'file'): Promise<{ real: string } | { problem: string }> {
  if (rel === '..' || rel.startsWith('../'))
    return { problem: `'${rel}' is outside the workspace: only charts and values files inside the workspace are read` };
  const found = await resolveInWorkspace(ws, path.resolve(ws.root, rel));
  if ('missing' in found) return { problem: `'${rel}' does not exist` };
  if ('problem' in found) return { problem: found.problem };
  const isWant = want === 'directory' ? found.inside.info.isDirectory() : found.inside.info.isFile();
  if (!isWant) return { problem: `'${rel}' is not a ${want}` };
  return { real: found.inside.real };
}

function renderedObjects(d: DesiredObject, spec: HelmChartSpec, text: string, problems: Problem[], logger: Logger): DesiredObject[] {
  const parsed = parseDocuments(d.source.file, text);
  for (const p of parsed.problems) problems.push({ message: `HelmChart/${spec.release}: the chart rendered invalid YAML: ${p.message}`, source: d.source });
  const lines = text.split('\n');
  const out = parsed.documents.flatMap((doc) => {
    const template = templateOf(lines, doc.line);
    return toObjects(doc.value, { ...d.source, ...(template ? { template } : {}) }, problems, logger);
  });
  const clusterScoped = clusterScopedCustomKinds(out.map((o) => o.object));
  for (const o of out) {
    if (o.object.metadata.namespace === undefined && isNamespacedKind(refOf(o.object), clusterScoped)) o.object.metadata.namespace = spec.namespace;
  }
  return out;
}

/** The template of the `# Source:` comment nearest above a document's first line. */
function templateOf(lines: readonly string[], line: number): string | undefined {
  for (let i = line - 1; i >= 0; i--) {
    const m = /^# Source: (.+)$/.exec(lines[i] ?? '');
    if (m?.[1]) return m[1].trim();
  }
  return undefined;
}
