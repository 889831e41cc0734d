// Helm chart directories met under `path`: a directory with a Chart.yaml is a chart's source, read
// by helm through a HelmChart document and never file by file (its templates are not YAML). A
// walk stops at one; a file a glob or a file entry picked up inside one (at any depth, below the
// outermost chart above it, so subcharts count as their parent's) is the chart's, not a manifest.
// The workspace's own directory is never taken for a chart: its manifests stay readable.
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { isWithin, type Workspace } from '../../workspace-boundary.js';

export class ChartDirectoryIndex {
  private readonly cache = new Map<string, Promise<boolean>>();

  constructor(private readonly ws: Workspace) {}

  /** Whether the real directory `dir` holds a Chart.yaml (a regular file or a link to one). */
  isChart(dir: string): Promise<boolean> {
    if (dir === this.ws.realRoot) return Promise.resolve(false);
    let found = this.cache.get(dir);
    if (!found) {
      found = lstat(path.join(dir, 'Chart.yaml')).then(
        (s) => s.isFile() || s.isSymbolicLink(),
        () => false,
      );
      this.cache.set(dir, found);
    }
    return found;
  }

  /** The outermost chart directory above the real file `realFile`, inside the workspace. */
  async chartOf(realFile: string): Promise<string | undefined> {
    let outermost: string | undefined;
    for (let dir = path.dirname(realFile); isWithin(this.ws.realRoot, dir) && dir !== this.ws.realRoot; dir = path.dirname(dir)) {
      if (await this.isChart(dir)) outermost = dir;
    }
    return outermost;
  }
}
