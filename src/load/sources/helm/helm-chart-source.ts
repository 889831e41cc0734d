// The chart directory a HelmChart renders: a directory inside the workspace, or a chart pulled with
// `helm pull` (from a classic chart repository or an OCI registry) into a temporary directory
// outside the workspace, removed after the render. Credentials are helm's own: a repository added
// with `helm repo add` under the same URL is pulled through that entry (its credentials and TLS
// files), an OCI registry uses `helm registry login`'s; HELM_* variables are passed through as is.
import { mkdtemp, readdir, realpath, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chartLabel, type ChartLocation } from './helm-chart-location.js';
import { HelmCommandError, runHelm } from './helm-command.js';
import { resolveInWorkspace, type Workspace } from '../../workspace-boundary.js';

/** A chart directory to render, and how messages show its absolute paths. */
export interface ChartDirectory {
  /** Absolute. */
  dir: string;
  /** Absolute directories → what messages show instead (the workspace as ''). */
  shownAs: Map<string, string>;
  /** Temporary directories this chart made (removed by {@link removeChartDirectory}). */
  temporary: string[];
}

export type Found<T> = T | { problem: string };

/** Finds or fetches the chart; a problem says what is wrong, without the HelmChart's name. */
export async function chartDirectory(chart: ChartLocation, ws: Workspace): Promise<Found<ChartDirectory>> {
  const shownAs = new Map([
    [ws.realRoot, ''],
    [ws.root, ''],
  ]);
  if (chart.kind === 'local') {
    const dir = await insidePath(ws, chart.dir, 'directory');
    if ('problem' in dir) return { problem: `the chart ${dir.problem}` };
    const file = await insidePath(ws, path.posix.join(chart.dir, 'Chart.yaml'), 'file');
    if ('problem' in file) return { problem: `'${chart.dir}' is not a chart directory: it has no Chart.yaml` };
    return { dir: dir.real, shownAs, temporary: [] };
  }
  const temp = await temporaryDirectory();
  const pulled = await pull(chart, temp);
  if ('problem' in pulled) {
    await rm(temp, { recursive: true, force: true });
    return pulled;
  }
  shownAs.set(temp, chartLabel(chart));
  return { dir: pulled.dir, shownAs, temporary: [temp] };
}

export async function removeChartDirectory(c: ChartDirectory): Promise<void> {
  for (const dir of c.temporary) await rm(dir, { recursive: true, force: true });
}

/** A fresh directory outside the workspace for a pulled or copied chart. */
export async function temporaryDirectory(): Promise<string> {
  return realpath(await mkdtemp(path.join(os.tmpdir(), 'kube-gitops-chart-')));
}

async function pull(chart: Exclude<ChartLocation, { kind: 'local' }>, dest: string): Promise<Found<{ dir: string }>> {
  const common = ['--version', chart.version, '--destination', dest, '--untar'];
  try {
    if (chart.kind === 'oci') await runHelm(['pull', chart.ref, ...common, ...(chart.plainHTTP ? ['--plain-http'] : [])]);
    else {
      const added = await addedRepository(chart.repo);
      // Through the added entry: its credentials and CA file apply to the index and the archive alike.
      if (added) await runHelm(['repo', 'update', added]);
      await runHelm(added ? ['pull', `${added}/${chart.name}`, ...common] : ['pull', chart.name, '--repo', chart.repo, ...common]);
    }
  } catch (error) {
    if (!(error instanceof HelmCommandError)) throw error;
    return { problem: error.missing ? error.message : `the chart ${chartLabel(chart)} could not be fetched (\`helm pull\`): ${error.message}` };
  }
  const entries = (await readdir(dest, { withFileTypes: true })).filter((e) => e.isDirectory());
  const first = entries[0];
  if (!first || entries.length > 1) return { problem: `\`helm pull\` of ${chartLabel(chart)} did not leave one chart directory` };
  return { dir: path.join(dest, first.name) };
}

/** The name of a repository added with `helm repo add` under this URL, if any. */
async function addedRepository(url: string): Promise<string | undefined> {
  let listed: unknown;
  try {
    listed = JSON.parse(await runHelm(['repo', 'list', '--output', 'json']));
  } catch (error) {
    // `helm repo list` fails when no repository was added; helm being absent is reported by the pull.
    if (error instanceof HelmCommandError || error instanceof SyntaxError) return undefined;
    throw error;
  }
  if (!Array.isArray(listed)) return undefined;
  const same = (u: unknown) => typeof u === 'string' && u.replace(/\/+$/, '') === url;
  const entry: unknown = listed.find((r: unknown) => typeof r === 'object' && r !== null && 'url' in r && same(r.url));
  return typeof entry === 'object' && entry !== null && 'name' in entry && typeof entry.name === 'string' ? entry.name : undefined;
}

/** A workspace path that must exist as a directory or a regular file inside the workspace. */
export async function insidePath(ws: Workspace, rel: string, want: 'directory' | 'file'): Promise<Found<{ real: string }>> {
  if (rel === '..' || rel.startsWith('../'))
    return { problem: `'${rel}' is outside the workspace: only charts and values files inside the workspace are read` };
  const found = await resolveInWorkspace(ws, path.resolve(ws.root, rel));
  if ('missing' in found) return { problem: `'${rel}' does not exist` };
  if ('problem' in found) return { problem: found.problem };
  const isWant = want === 'directory' ? found.inside.info.isDirectory() : found.inside.info.isFile();
  if (!isWant) return { problem: `'${rel}' is not a ${want}` };
  return { real: found.inside.real };
}
