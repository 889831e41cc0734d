// Collects manifest files and kustomization directories under a directory. A symlink met on the
// way is followed when its target is inside the workspace (each real file and directory once, a
// link back into its own ancestors refused as a loop) and reported when it is not; a pipe, a
// device or a socket named like a manifest is reported too. Nothing is skipped silently.
// A directory with a kustomization is built whole and its files are not read one by one; a
// kustomize Component is not built on its own (it builds only inside the kustomizations that list
// it) and is noted; a kustomization.yaml that is a Kubernetes manifest (a Flux `Kustomization`)
// leaves its directory a plain one, the file read like the others. A Helm chart directory (one
// with a Chart.yaml, chart-directories.ts) is a HelmChart's input and is noted, never read.
import type { Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Problem } from '../model/problem.js';
import { ChartDirectoryIndex } from './sources/helm/chart-directories.js';
import { SOURCES } from './sources/registry.js';
import type { KustomizationIndex } from './sources/kustomize/kustomization-index.js';
import { describeFileType, isWithin, realRelative, relativePath, resolveInWorkspace, type Workspace } from './workspace-boundary.js';

const SKIPPED_DIRS = new Set(['.git', 'node_modules']);

/** The kind of source a file of this name is (sources/registry.ts), or undefined when no kind reads it. */
export function fileKindOf(name: string): string | undefined {
  return SOURCES.find((s) => s.found !== undefined && s.detectFile?.(name))?.found;
}

export function hasManifestExtension(name: string): boolean {
  return fileKindOf(name) !== undefined;
}

/** A file or kustomization found: where it really is, and the path it was reached by. */
export interface Found {
  real: string;
  /** Workspace-relative path as walked (through links), for messages and excludes. */
  walked: string;
  /** The kustomization file's name, for a kustomization directory. */
  kustomizationFile?: string;
  /** For a file: the kind of source that reads it (sources/registry.ts). */
  kind?: string;
}

export class ManifestWalk {
  readonly files = new Map<string, Found>();
  readonly kustomizations = new Map<string, Found>();
  /** kustomize Components met by the walk, not built on their own. */
  readonly components = new Map<string, Found>();
  /** Helm chart directories met by the walk (or holding a file an entry named), never read as manifests. */
  readonly charts = new Map<string, Found>();
  readonly chartIndex: ChartDirectoryIndex;
  /** `link -> target` notes of the symlinks followed, for the log. */
  readonly followed: string[] = [];
  /** Real directories walked for the current entry: a directory reached twice is walked once. */
  private readonly visited = new Set<string>();
  /** Files and kustomizations met, repeats included: an entry that meets nothing is a typo. */
  private hits = 0;
  private componentHits = 0;

  constructor(
    private readonly ws: Workspace,
    private readonly problems: Problem[],
    private readonly isExcluded: (walkedRel: string) => boolean,
    private readonly index: KustomizationIndex,
  ) {
    this.chartIndex = new ChartDirectoryIndex(ws);
  }

  /** Starts a `path` entry; tells afterwards whether it met any manifest, and any Component. */
  startEntry(): { metAny: () => boolean; metComponents: () => boolean } {
    this.visited.clear();
    const [before, componentsBefore] = [this.hits, this.componentHits];
    return { metAny: () => this.hits > before, metComponents: () => this.componentHits > componentsBefore };
  }

  report(walkedAbs: string, message: string): void {
    if (!this.isExcluded(relativePath(this.ws.root, walkedAbs))) this.problems.push({ message });
  }

  addFile(real: string, walkedAbs: string): void {
    this.hits++;
    const kind = fileKindOf(walkedAbs);
    if (!this.files.has(real)) this.files.set(real, { real, walked: relativePath(this.ws.root, walkedAbs), ...(kind ? { kind } : {}) });
  }

  /** Walks a directory given by its real path; `walkedAbs` is how it was reached. */
  async walkDir(real: string, walkedAbs: string): Promise<void> {
    if (this.visited.has(real)) return;
    this.visited.add(real);
    if (await this.addIfKustomization(real, walkedAbs)) return;
    if (await this.chartIndex.isChart(real)) {
      this.addChart(real, walkedAbs);
      return;
    }
    const entries = (await readdir(real, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (SKIPPED_DIRS.has(e.name)) continue;
      const childReal = path.join(real, e.name);
      const childWalked = path.join(walkedAbs, e.name);
      if (e.isDirectory()) await this.walkDir(childReal, childWalked);
      else if (e.isSymbolicLink()) await this.followLink(real, childWalked);
      else if (!hasManifestExtension(e.name)) continue;
      else if (e.isFile()) this.addFile(childReal, childWalked);
      else
        this.report(
          childWalked,
          `'${relativePath(this.ws.root, childWalked)}' is ${await fileType(childReal)}, not a regular file: only regular files are read`,
        );
    }
  }

  /** A chart directory counts as met (a `path` entry naming one is no typo) and is not read. */
  addChart(real: string, walkedAbs: string): void {
    this.hits++;
    if (!this.charts.has(real)) this.charts.set(real, { real, walked: relativePath(this.ws.root, walkedAbs) });
  }

  private async followLink(parentReal: string, linkAbs: string): Promise<void> {
    const name = relativePath(this.ws.root, linkAbs);
    const target = await stat(linkAbs).catch(() => undefined);
    // A link to a file that is not a manifest is ignored like any such file.
    if (!target?.isDirectory() && !hasManifestExtension(linkAbs)) return;
    const resolved = await resolveInWorkspace(this.ws, linkAbs);
    if ('problem' in resolved) {
      this.report(linkAbs, resolved.problem);
      return;
    }
    if (!('inside' in resolved)) return;
    const { real, info } = resolved.inside;
    const shown = realRelative(this.ws, real);
    if (info.isDirectory() && isWithin(real, parentReal)) {
      this.report(linkAbs, `'${name}' is a symlink to '${shown}', a directory that contains the link: following it would loop; remove the link or exclude it`);
      return;
    }
    if (info.isDirectory()) {
      this.followed.push(`${name} -> ${shown}`);
      return this.walkDir(real, linkAbs);
    }
    if (!info.isFile()) {
      this.report(linkAbs, `'${name}' is a symlink to '${shown}', ${describeFileType(info)}: only regular files are read`);
      return;
    }
    this.followed.push(`${name} -> ${shown}`);
    this.addFile(real, linkAbs);
  }

  /** A kustomization directory is built whole; its kustomization file obeys the same symlink rule. */
  private async addIfKustomization(real: string, walkedAbs: string): Promise<boolean> {
    const found = await this.index.lookup(real, walkedAbs);
    if (!found) return false;
    if ('problem' in found) {
      this.report(path.join(walkedAbs, found.file), found.problem);
      this.hits++;
      return true;
    }
    const { kind, file } = found.info;
    const entry: Found = { real, walked: relativePath(this.ws.root, walkedAbs), kustomizationFile: file };
    if (kind === 'manifest') {
      // Read with the directory's other files; `Kustomization` has no manifest extension to be picked up by.
      if (!hasManifestExtension(file)) this.addFile(path.join(real, file), path.join(walkedAbs, file));
      return false;
    }
    if (kind === 'component') {
      this.componentHits++;
      if (!this.components.has(real)) this.components.set(real, entry);
      return true;
    }
    if (!this.kustomizations.has(real)) this.kustomizations.set(real, entry);
    this.hits++;
    return true;
  }
}

async function fileType(abs: string): Promise<string> {
  const info: Stats | undefined = await stat(abs).catch(() => undefined);
  return info ? describeFileType(info) : 'not a regular file';
}
