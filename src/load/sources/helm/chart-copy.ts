// A local chart is never written in the workspace: what must change it (a dependency build, a
// crd-install hook rewritten) works on a copy in a temporary directory. The copy keeps the chart's
// place relative to the workspace, and each relative file:// dependency inside the workspace is
// copied beside it where that path leads, so helm resolves every path as it would from the
// workspace. Whether a dependency may be read at all is checked elsewhere (helm-chart-files.ts).
import { cp, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileDependencies } from './helm-chart-files.js';
import { temporaryDirectory, type ChartDirectory } from './helm-chart-source.js';
import { isWithin, type Workspace } from '../../workspace-boundary.js';

/** Is the chart a copy (or a pull) in one of its own temporary directories already? */
export function isTemporaryCopy(c: ChartDirectory): boolean {
  return c.temporary.some((t) => c.dir.startsWith(t + path.sep));
}

/** The chart itself when it is a temporary copy already, else a fresh copy shown in messages as `label`. */
export async function ownCopy(c: ChartDirectory, label: string, ws: Workspace): Promise<ChartDirectory> {
  if (isTemporaryCopy(c)) return c;
  const temp = await temporaryDirectory();
  const dir = path.join(temp, path.relative(ws.realRoot, c.dir) || path.basename(c.dir));
  await cp(c.dir, dir, { recursive: true });
  await copyLocalDependencies(c.dir, dir, temp, ws);
  return { dir, shownAs: new Map([...c.shownAs, [temp, ''], [dir, label]]), temporary: [...c.temporary, temp] };
}

/** Copies each relative file:// dependency of the chart in `from` (a workspace directory) to where it is from the copy `to`. */
async function copyLocalDependencies(from: string, to: string, temp: string, ws: Workspace): Promise<void> {
  for (const dep of await fileDependencies(path.join(from, 'Chart.yaml'))) {
    if (path.isAbsolute(dep.path)) continue;
    const target = path.resolve(to, dep.path);
    // Already in the copy, or where no copy may go: the check after the copy names what is wrong.
    if (!isWithin(temp, target) || isWithin(to, target) || isWithin(target, to)) continue;
    const source = await realpath(path.resolve(from, dep.path)).catch(() => undefined);
    if (source === undefined || !isWithin(ws.realRoot, source) || !(await stat(source)).isDirectory()) continue;
    await cp(source, target, { recursive: true, force: false });
  }
}
