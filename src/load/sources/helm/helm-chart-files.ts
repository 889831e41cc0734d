// Every file helm may read of a chart, checked before helm runs: helm reads templates, `.Files`
// data, charts/ and subcharts itself and follows symlinks, so the whole chart directory is walked.
// Each symlink met must lead inside the boundary (the workspace; for a pulled chart, its own
// temporary directory), and a dangling link, a link loop or a link back into its own directory is
// refused; so is a pipe, device or socket. A `file://` dependency named in any Chart.yaml met must
// resolve (through its symlinks) inside the boundary too, and is walked the same way. Messages name
// the file relative to the boundary and the link's target; nothing here reads a template's content.
import type { Dirent } from 'node:fs';
import { lstat, readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { load } from 'js-yaml';
import { isJsonObject } from '../../../objects/kube-object.js';
import { ReadSetBuilder, type ReadSet } from '../../read-set.js';
import { describeFileType, isWithin, realRelative, resolveInWorkspace, type Workspace } from '../../workspace-boundary.js';

/** What a chart gives helm: the directories it reads whole and the files outside them that links lead to. */
export type ChartFiles = { reads: ReadSet } | { problem: string };

/** Walks the chart in `chartReal` (a real directory inside `boundary`) and the file:// dependencies it names. */
export async function checkChartFiles(chartReal: string, boundary: Workspace): Promise<ChartFiles> {
  const walk = new ChartWalk(boundary);
  const problem = await walk.run(chartReal);
  return problem === undefined ? { reads: walk.reads.build() } : { problem };
}

/**
 * A local chart's dependencies are built in a temporary copy (`copyDir`, inside `temp`), and helm
 * resolves a relative `file://` path from the copy, not from the workspace: from there, each must
 * lead into the copy's own directory or into the workspace (where it is walked like the chart).
 */
export async function checkCopiedDependencies(copyDir: string, temp: string, ws: Workspace): Promise<ChartFiles> {
  const walk = new ChartWalk(ws, temp);
  const problem = await walk.runDependencies(path.join(copyDir, 'Chart.yaml'));
  return problem === undefined ? { reads: walk.reads.build() } : { problem };
}

class ChartWalk {
  readonly reads: ReadSetBuilder;
  private readonly visited = new Set<string>();
  private readonly chartFiles: string[] = [];

  constructor(
    private readonly ws: Workspace,
    /** The temporary directory of a copied chart, whose own files were checked before the copy. */
    private readonly copiedInto?: string,
  ) {
    this.reads = new ReadSetBuilder(ws);
  }

  /** The first problem found, or undefined when every file of the chart and its file:// dependencies is fine. */
  async run(chartReal: string): Promise<string | undefined> {
    const problem = await this.walkDir(chartReal);
    return problem ?? this.dependencies();
  }

  /** As {@link run}, from one Chart.yaml's dependencies. */
  runDependencies(chartYaml: string): Promise<string | undefined> {
    this.chartFiles.push(chartYaml);
    return this.dependencies();
  }

  private async dependencies(): Promise<string | undefined> {
    let problem: string | undefined;
    while (problem === undefined && this.chartFiles.length > 0) {
      const chartYaml = this.chartFiles.shift() ?? '';
      problem = await this.followDependencies(chartYaml);
    }
    return problem;
  }

  private async walkDir(real: string): Promise<string | undefined> {
    if (this.visited.has(real)) return undefined;
    this.visited.add(real);
    this.reads.addDirectory(real);
    const entries = (await readdir(real, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const problem = await this.visit(real, e);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }

  private async visit(parentReal: string, e: Dirent): Promise<string | undefined> {
    const child = path.join(parentReal, e.name);
    if (e.isSymbolicLink()) return this.followLink(parentReal, child);
    if (e.isDirectory()) return this.walkDir(child);
    if (!e.isFile()) return `the chart file '${this.shown(child)}' is ${describeFileType(await lstat(child))}, not a regular file: only regular files are read`;
    if (e.name === 'Chart.yaml') this.chartFiles.push(child);
    return undefined;
  }

  private async followLink(parentReal: string, link: string): Promise<string | undefined> {
    // The same place reached from the workspace as given, so the message names it relative to it.
    const resolved = await resolveInWorkspace(this.ws, path.join(this.ws.root, path.relative(this.ws.realRoot, link)));
    if ('missing' in resolved) return `the chart file '${this.shown(link)}' cannot be read`;
    if ('problem' in resolved) return `the chart file ${resolved.problem}`;
    const { real, info } = resolved.inside;
    if (info.isDirectory()) {
      if (isWithin(real, parentReal)) {
        return `the chart file '${this.shown(link)}' is a symlink to '${realRelative(this.ws, real)}', a directory that contains the link: helm would loop; remove the link`;
      }
      return this.walkDir(real);
    }
    if (!info.isFile()) {
      return `the chart file '${this.shown(link)}' is a symlink to '${realRelative(this.ws, real)}', ${describeFileType(info)}: only regular files are read`;
    }
    this.reads.addFile(real);
    if (path.basename(link) === 'Chart.yaml') this.chartFiles.push(real);
    return undefined;
  }

  /** Each `file://` dependency of one Chart.yaml must stay inside; it is walked like the chart. */
  private async followDependencies(chartYaml: string): Promise<string | undefined> {
    const chartDir = path.dirname(chartYaml);
    for (const dep of await fileDependencies(chartYaml)) {
      const target = path.resolve(chartDir, dep.path);
      if (this.copiedInto !== undefined && isWithin(this.copiedInto, target)) continue;
      const where = `${this.chartYamlName(chartYaml)} names the dependency '${dep.name}' at ${dep.repository}`;
      if (!isWithin(this.ws.realRoot, target)) {
        return `${where}, which is ${target}, outside the workspace: only charts inside the workspace are read; copy the chart into the repository`;
      }
      const resolved = await resolveInWorkspace(this.ws, target);
      if ('missing' in resolved) continue; // `helm dependency build` says it is missing
      if ('problem' in resolved) return `${where}, and ${resolved.problem}`;
      if (!resolved.inside.info.isDirectory()) continue; // helm refuses a file:// dependency that is not a chart directory
      const problem = await this.walkDir(resolved.inside.real);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }

  private shown(realAbs: string): string {
    return realRelative(this.ws, realAbs);
  }

  /** A Chart.yaml as messages name it: workspace-relative, or the copy helm builds dependencies in. */
  private chartYamlName(chartYaml: string): string {
    if (this.copiedInto === undefined || !isWithin(this.copiedInto, chartYaml)) return `'${this.shown(chartYaml)}'`;
    return `the chart's Chart.yaml, built in a temporary copy of the chart (${path.dirname(chartYaml)}) from which helm resolves file:// paths,`;
  }
}

export interface FileDependency {
  name: string;
  repository: string;
  /** The path after `file://`, as written (relative to the chart directory, or absolute). */
  path: string;
}

/** The `file://` entries of a Chart.yaml's dependencies; an unreadable Chart.yaml is helm's to report. */
export async function fileDependencies(chartYaml: string): Promise<FileDependency[]> {
  return (await chartDependencies(chartYaml)).flatMap((d) =>
    d.repository.startsWith('file://') ? [{ ...d, path: d.repository.slice('file://'.length) }] : [],
  );
}

/** The dependencies a Chart.yaml names with a repository (none when it is unreadable: helm reports that itself). */
export async function chartDependencies(chartYaml: string): Promise<{ name: string; repository: string }[]> {
  let chart: unknown;
  try {
    chart = load(await readFile(chartYaml, 'utf8'));
  } catch {
    return [];
  }
  const dependencies = isJsonObject(chart) && Array.isArray(chart.dependencies) ? chart.dependencies : [];
  return dependencies.flatMap((d) => {
    if (!isJsonObject(d) || typeof d.repository !== 'string') return [];
    return [{ name: typeof d.name === 'string' ? d.name : '?', repository: d.repository }];
  });
}
