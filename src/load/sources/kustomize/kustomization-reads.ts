// What `kustomize build` of one directory reads of the workspace: every kustomization directory it
// reaches (kustomize reads files only below each such root and refuses one whose symlinks lead out
// of it: "security; file ... is not in or below"), the local files the kustomizations name
// (resources, patches, generator sources...) by their real paths, and the chart home of a
// kustomization with helmCharts. helm reads a chart home's charts itself, following symlinks, so
// it is walked like a HelmChart's chart (helm-chart-files.ts) before kustomize runs.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { isJsonObject, type JsonValue } from '../../../objects/kube-object.js';
import { checkChartFiles } from '../helm/helm-chart-files.js';
import { namedInputs } from './kustomization-inputs.js';
import { isDirectory, realTarget } from './kustomize-references.js';
import { localReferences, walkKustomizations } from './kustomize-secrets.js';
import { nothingRead, ReadSetBuilder, type ReadSet } from '../../read-set.js';
import { isWithin, realRelative, resolveInWorkspace, type Workspace } from '../../workspace-boundary.js';

/** How many kustomizations one build may reach before the walk stops (as kustomize-references.ts). */
const MAX_KUSTOMIZATIONS = 500;

interface Reached {
  dir: string;
  doc: Record<string, JsonValue>;
}

/** A chart home and what it held before the build: kustomize pulls a missing chart into it. */
export interface ChartHomeSnapshot {
  /** Absolute; it may not exist yet. */
  home: string;
  /** Its entries' names before the build (none when it did not exist). */
  before: string[];
}

/** The read set of building the kustomization in `realDir`, with its chart homes as they are before the build. */
export type KustomizationReads = { reads: ReadSet; chartHomes: ChartHomeSnapshot[] };

/** The read set of building the kustomization in `realDir`, or the problem with one of its chart homes. */
export async function kustomizationReads(realDir: string, ws: Workspace): Promise<KustomizationReads | { problem: string }> {
  const reads = new ReadSetBuilder(ws);
  const chartHomes: ChartHomeSnapshot[] = [];
  for (const { dir, doc } of reachedKustomizations(realDir)) {
    reads.addDirectory(dir);
    for (const entry of [...localReferences(doc), ...namedInputs(doc).inputs.map((i) => i.entry)]) {
      const real = realTarget(path.resolve(dir, entry));
      if (real !== undefined && !isDirectory(real)) reads.addFile(real);
    }
    const home = chartHome(dir, doc);
    if (home === undefined) continue;
    const checked = await checkChartHome(home, dir, ws);
    if ('problem' in checked) return checked;
    reads.add(checked.reads);
    chartHomes.push({ home, before: await entriesOf(home) });
  }
  return { reads: reads.build(), chartHomes };
}

/**
 * What kustomize pulled into the chart homes during the build (absolute paths): charts named by a
 * kustomization and fetched like a HelmChart document's, not read from the workspace's commit.
 */
export async function pulledCharts(chartHomes: readonly ChartHomeSnapshot[]): Promise<string[]> {
  const pulled: string[] = [];
  for (const { home, before } of chartHomes) {
    const known = new Set(before);
    for (const name of await entriesOf(home)) if (!known.has(name)) pulled.push(path.join(home, name));
  }
  return pulled;
}

async function entriesOf(dir: string): Promise<string[]> {
  return readdir(dir).catch(() => []);
}

/** Each kustomization the build reaches, by its real directory, once. */
function reachedKustomizations(realDir: string): Reached[] {
  const reached: Reached[] = [];
  walkKustomizations(realDir, MAX_KUSTOMIZATIONS, (dir, doc) => {
    reached.push({ dir, doc });
    return localReferences(doc).flatMap((ref) => {
      const real = realTarget(path.resolve(dir, ref));
      return real !== undefined && isDirectory(real) ? [real] : [];
    });
  });
  return reached;
}

/** The chart home of a kustomization with helmCharts (`helmGlobals.chartHome`, default `charts`), when it exists. */
function chartHome(dir: string, doc: Record<string, JsonValue>): string | undefined {
  if (!Array.isArray(doc.helmCharts) || doc.helmCharts.length === 0) return undefined;
  const globals = doc.helmGlobals;
  const home = isJsonObject(globals) && typeof globals.chartHome === 'string' && globals.chartHome !== '' ? globals.chartHome : 'charts';
  return path.resolve(dir, home);
}

async function checkChartHome(home: string, dir: string, ws: Workspace): Promise<{ reads: ReadSet } | { problem: string }> {
  const lead = `the kustomization '${realRelative(ws, dir)}' inflates helmCharts from its chart home`;
  if (!isWithin(ws.realRoot, home)) return { problem: `${lead} ${home}, outside the workspace: only charts inside the workspace are read` };
  const resolved = await resolveInWorkspace(ws, path.join(ws.root, path.relative(ws.realRoot, home)));
  // No chart home yet: kustomize pulls the charts (from a repository) into it.
  if ('missing' in resolved) return { reads: nothingRead() };
  if ('problem' in resolved) return { problem: `${lead}, and ${resolved.problem}` };
  if (!resolved.inside.info.isDirectory()) return { reads: nothingRead() };
  const files = await checkChartFiles(resolved.inside.real, ws);
  return 'problem' in files ? { problem: `${lead}, and ${files.problem}` } : files;
}
