// What one load read of the workspace, as plain data: every file by its real path (symlinks
// resolved, so a link's target is named, not the link) and every directory a tool was given whole
// (a kustomization root and the local directories it reaches, a chart directory and its file://
// dependencies). The signature gate checks exactly these against the verified commit; nothing
// outside the workspace is recorded (a pulled chart lives in a temporary directory).
import path from 'node:path';
import { isWithin, realRelative, type Workspace } from './workspace-boundary.js';

export interface ReadSet {
  /** Workspace-relative real paths of the files read one by one, sorted. */
  files: string[];
  /** Workspace-relative real paths of the directories read whole (`.` for the workspace), sorted; none inside another. */
  directories: string[];
  /**
   * Workspace-relative paths the load's tools wrote into the workspace, sorted: the charts kustomize
   * pulled into a chart home. Fetched as the kustomization names them, not read from the commit.
   */
  written: string[];
}

export function nothingRead(): ReadSet {
  return { files: [], directories: [], written: [] };
}

/** Collects real paths while a load runs; {@link ReadSetBuilder.build} gives the sorted, de-duplicated set. */
export class ReadSetBuilder {
  private readonly files = new Set<string>();
  private readonly directories = new Set<string>();
  private readonly written = new Set<string>();

  constructor(private readonly ws: Workspace) {}

  /** Records a file by its absolute real path; a path outside the workspace is not the workspace's and is left out. */
  addFile(realAbs: string): void {
    const rel = this.inside(realAbs);
    if (rel !== undefined) this.files.add(rel);
  }

  /** Records a directory read whole, by its absolute real path. */
  addDirectory(realAbs: string): void {
    const rel = this.inside(realAbs);
    if (rel !== undefined) this.directories.add(rel);
  }

  /** Records what a tool of the load wrote into the workspace (absolute path). */
  addWritten(abs: string): void {
    const rel = this.inside(abs);
    if (rel !== undefined) this.written.add(rel);
  }

  add(set: ReadSet): void {
    for (const f of set.files) this.files.add(f);
    for (const d of set.directories) this.directories.add(d);
    for (const w of set.written) this.written.add(w);
  }

  /** The set; a directory inside another one read whole is left out (the outer one covers it). */
  build(): ReadSet {
    const directories = [...this.directories].sort().filter((d, _, all) => !all.some((outer) => outer !== d && isBelow(outer, d)));
    return { files: [...this.files].sort(), directories, written: [...this.written].sort() };
  }

  private inside(realAbs: string): string | undefined {
    const abs = path.resolve(realAbs);
    return isWithin(this.ws.realRoot, abs) ? realRelative(this.ws, abs) : undefined;
  }
}

/** Whether the workspace-relative `inner` is below `outer` (`.` is the workspace). */
export function isBelow(outer: string, inner: string): boolean {
  return outer === '.' || inner.startsWith(`${outer}/`);
}
