// Replaces each HelmChart document among the loaded objects by the objects its chart renders to.
// The chart (a workspace directory, or pulled from a repository or registry) is rendered twice:
// the first render's objects are kept, and a field the second render gives another value is named
// as non-deterministic. Every rendered object's source is the HelmChart document (file:line) and
// the template helm names in its `# Source:` comment. Namespaced objects without a namespace get
// the release namespace (helm template does not set it). Before helm runs, every file of the chart
// (and of its file:// dependencies) is checked to stay inside the workspace (helm-chart-files.ts).
// Helm 2 crd-install hooks, which Helm 3 leaves out, are rendered as ordinary objects (helm2-crd-hooks.ts).
import { RecordingLogger, type Logger } from '../../../model/logger.js';
import { clusterScopedCustomKinds, isNamespacedKind } from '../../../objects/cluster-scoped-kinds.js';
import type { ChartRendering, DesiredObject } from '../../../objects/desired-object.js';
import { refOf } from '../../../objects/object-ref.js';
import { withVia } from '../../../objects/source-location.js';
import type { Problem } from '../../../model/problem.js';
import { isSopsValuesFile, markRenderedFromSops, undecryptedChartProblem } from '../../sops/sops-helm.js';
import type { CapabilitiesSource, HelmCapabilities } from './helm-capabilities.js';
import { chartLabel } from './helm-chart-location.js';
import { chartDirectory, insidePath, removeChartDirectory, type ChartDirectory } from './helm-chart-source.js';
import { readHelmChart, isHelmChart, type HelmChartSpec } from './helm-chart-spec.js';
import { HELM_MISSING, HelmCommandError, runHelm } from './helm-command.js';
import { checkChartFiles } from './helm-chart-files.js';
import { withDependencies } from './helm-dependencies.js';
import { nonDeterministicPaths } from './helm-determinism.js';
import { crdInstallUnrewritable, rewriteCrdInstallHooks, takeCrdInstallMarker } from './helm2-crd-hooks.js';
import { helmTemplate } from './helm-template.js';
import { toObjects } from '../../manifest-validation.js';
import { openWorkspace, type Workspace } from '../../workspace-boundary.js';
import type { ReadSetBuilder } from '../../read-set.js';
import { parseDocuments } from '../../yaml-documents.js';

/** How an object's source names the chart template that rendered it. */
export const TEMPLATE_VIA = 'template';

export interface HelmChartOptions {
  workspace: string;
  /** The release namespace of a HelmChart without metadata.namespace (the `namespace` input). */
  namespace: string;
  logger: Logger;
  /** The live cluster's Capabilities, asked once when a HelmChart document is found. */
  capabilities?: CapabilitiesSource;
  /** Told every workspace file and directory a chart gives helm (values files, chart directories, link targets). */
  reads?: ReadSetBuilder;
}

/** What every chart of one load shares. */
interface LoadContext {
  ws: Workspace;
  options: HelmChartOptions;
  problems: Problem[];
  /** `helm version --short`; undefined when helm is not on PATH. */
  helmVersion?: string;
  capabilities?: HelmCapabilities;
}

/** The objects with every HelmChart document rendered in its place; problems name the HelmChart document. */
export async function expandHelmCharts(objects: readonly DesiredObject[], options: HelmChartOptions, problems: Problem[]): Promise<DesiredObject[]> {
  if (!objects.some((d) => isHelmChart(d.object))) return [...objects];
  const [ws, capabilities, helmVersion] = await Promise.all([openWorkspace(options.workspace), options.capabilities?.(), versionOfHelm()]);
  if (!options.capabilities)
    options.logger.info(
      "Rendering Helm charts with helm's built-in Capabilities (no cluster to ask): charts that check .Capabilities may render differently against the cluster",
    );
  if (helmVersion) options.logger.info(`Rendering Helm charts with helm ${helmVersion}`);
  const ctx: LoadContext = { ws, options, problems, ...(helmVersion ? { helmVersion } : {}), ...(capabilities ? { capabilities } : {}) };
  const expanded = await Promise.all(objects.map((d) => (isHelmChart(d.object) ? renderChart(d, ctx) : Promise.resolve([d]))));
  return expanded.flat();
}

/** `helm version --short`; undefined when helm is not on PATH (every chart then says so). */
async function versionOfHelm(): Promise<string | undefined> {
  try {
    return (await runHelm(['version', '--short'])).trim();
  } catch (error) {
    if (!(error instanceof HelmCommandError)) throw error;
    return error.missing ? undefined : `unknown (\`helm version\` failed: ${error.message})`;
  }
}

async function renderChart(d: DesiredObject, ctx: LoadContext): Promise<DesiredObject[]> {
  const spec = readHelmChart(d, ctx.options.namespace);
  const fail = (message: string): DesiredObject[] => {
    ctx.problems.push({ message, source: d.source });
    return [];
  };
  if ('problem' in spec) return fail(spec.problem);
  const name = `HelmChart/${spec.release}`;
  const undecrypted = undecryptedChartProblem(d);
  if (undecrypted) return fail(undecrypted);
  if (!ctx.helmVersion) return fail(`${name}: ${HELM_MISSING}`);
  const valuesFiles: string[] = [];
  for (const f of spec.valuesFiles) {
    const found = await insidePath(ctx.ws, f, 'file');
    if ('problem' in found) return fail(`${name}: the values file ${found.problem}`);
    if (await isSopsValuesFile(found.real))
      return fail(
        `${name}: the values file ${f} is SOPS-encrypted, and helm would read its ciphertext; put those values in spec.values of a HelmChart document in a SOPS-encrypted file instead`,
      );
    valuesFiles.push(found.real);
  }
  const found = await chartDirectory(spec.chart, ctx.ws);
  if ('problem' in found) return fail(`${name}: ${found.problem}`);
  const temporary = [found];
  try {
    const files = await checkChartFiles(found.dir, chartBoundary(found, ctx.ws));
    if ('problem' in files) return fail(`${name}: ${files.problem}`);
    for (const f of valuesFiles) ctx.options.reads?.addFile(f);
    // A pulled chart's paths are its temporary directory's, not the workspace's.
    if (spec.chart.kind === 'local') ctx.options.reads?.add(files.reads);
    const chart = await withDependencies(found, spec.chart.kind === 'local' ? spec.chart.dir : chartLabel(spec.chart), ctx.ws, ctx.options.reads);
    if ('problem' in chart) return fail(`${name}: ${chart.problem}`);
    temporary.push(chart);
    const hooks = await rewriteCrdInstallHooks(chart, spec.chart.kind === 'local' ? spec.chart.dir : chartLabel(spec.chart), ctx.ws);
    temporary.push(hooks.chart);
    for (const t of hooks.unrewritable) ctx.options.logger.warning(`${name}: ${crdInstallUnrewritable(t)}`, d.source);
    return await renderTwice(d, spec, hooks.chart, valuesFiles, ctx);
  } catch (error) {
    if (!(error instanceof HelmCommandError)) throw error;
    return fail(`${name}: helm template failed: ${error.message}`);
  } finally {
    for (const t of temporary) await removeChartDirectory(t);
  }
}

/** What a chart's links and file:// dependencies must stay inside: the workspace, or a pulled chart's own temporary directory. */
function chartBoundary(c: ChartDirectory, ws: Workspace): Workspace {
  const pulledInto = c.temporary[0];
  return pulledInto === undefined ? ws : { root: pulledInto, realRoot: pulledInto };
}

/** Renders twice; the first render's objects, each told which of its fields the second render changed. */
async function renderTwice(d: DesiredObject, spec: HelmChartSpec, chart: ChartDirectory, valuesFiles: string[], ctx: LoadContext): Promise<DesiredObject[]> {
  const request = { ...spec, chartDir: chart.dir, valuesFiles, shownAs: chart.shownAs, ...chartCapabilities(spec, ctx.capabilities) };
  const [text, again] = await Promise.all([helmTemplate(request), helmTemplate(request)]);
  const out = renderedObjects(d, spec, text, ctx.problems, ctx.options.logger);
  const crdInstall = new Set(out.filter((o) => takeCrdInstallMarker(o.object)));
  // The second render is only compared: its problems and warnings are the first's again.
  const second = renderedObjects(d, spec, again, [], new RecordingLogger());
  for (const o of second) takeCrdInstallMarker(o.object);
  const differing = nonDeterministicPaths(out, second);
  const rendering: Omit<ChartRendering, 'nonDeterministic'> = {
    helmVersion: ctx.helmVersion ?? '',
    ...(ctx.capabilities ? { capabilities: ctx.capabilities } : {}),
  };
  return markRenderedFromSops(
    d,
    out.map((o) => ({ ...o, chart: { ...rendering, nonDeterministic: differing.get(o) ?? [], ...(crdInstall.has(o) ? { helm2CrdInstall: true } : {}) } })),
  );
}

/** The load's Capabilities with the HelmChart's kubeVersion over the cluster's and its apiVersions added. */
function chartCapabilities(spec: HelmChartSpec, live: HelmCapabilities | undefined): { capabilities?: HelmCapabilities } {
  if (!live && !spec.kubeVersion && spec.apiVersions.length === 0) return {};
  return { capabilities: { kubeVersion: spec.kubeVersion ?? live?.kubeVersion ?? '', apiVersions: [...(live?.apiVersions ?? []), ...spec.apiVersions] } };
}

function renderedObjects(d: DesiredObject, spec: HelmChartSpec, text: string, problems: Problem[], logger: Logger): DesiredObject[] {
  const parsed = parseDocuments(d.source.file, text);
  for (const p of parsed.problems) problems.push({ message: `HelmChart/${spec.release}: the chart rendered invalid YAML: ${p.message}`, source: d.source });
  const lines = text.split('\n');
  const out = parsed.documents.flatMap((doc) => {
    const template = templateOf(lines, doc.line);
    return toObjects(doc.value, template ? withVia(d.source, { name: TEMPLATE_VIA, path: template, relation: 'below' }) : d.source, problems, logger);
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
