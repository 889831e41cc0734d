// Where a changed path lies in the workspace, in the terms of a load's read set: workspace-relative
// real paths (symlinks resolved, read-set.ts). A path that exists at the head is resolved as it is
// (a symlink to where it leads, and the link itself by its folder's real path); one that does not
// (deleted, or renamed away) cannot be resolved, so it is placed by the real path of the nearest
// folder above it that exists. A path outside the workspace is read by no load and has no location.
import { lstat, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { isWithin, relativePath, type Workspace } from '../load/workspace-boundary.js';

/** One changed path (relative to the repository's top, as listed) and where it lies. */
export interface ChangedLocation {
  /** As GitHub or git listed it. */
  listed: string;
  /** Whether it exists at the head (in the checkout the loads read). */
  exists: boolean;
  /** It is a folder at the head (a symlink to one, a submodule): it holds what a load reads inside it. */
  folder: boolean;
  /** Its workspace-relative real forms (one, or two for a symlink: where it leads and the link); none when outside the workspace. */
  forms: string[];
  /** Gone at the head: the workspace-relative real path of the nearest folder above it that exists. */
  existingFolder?: string;
}

/** Locates each path of a diff, relative to `top` (the repository's top), in workspace `ws`. */
export function locateChanges(paths: readonly string[], top: string, ws: Workspace): Promise<ChangedLocation[]> {
  return Promise.all(paths.map((listed) => locate(listed, top, ws)));
}

async function locate(listed: string, top: string, ws: Workspace): Promise<ChangedLocation> {
  const abs = path.resolve(top, listed);
  const exists = (await lstat(abs).catch(() => undefined)) !== undefined;
  const reals = exists ? [await realpath(abs).catch(() => undefined), await linkItself(abs)] : [await nearestReal(abs)];
  const forms = [...new Set(reals.filter((r): r is string => r !== undefined && isWithin(ws.realRoot, r)).map((r) => relativePath(ws.realRoot, r)))];
  const folder = exists && ((await stat(abs).catch(() => undefined))?.isDirectory() ?? false);
  const above = exists ? undefined : await nearestReal(path.dirname(abs));
  const existingFolder = above !== undefined && isWithin(ws.realRoot, above) ? await realpath(above).catch(() => undefined) : undefined;
  return { listed, exists, folder, forms, ...(existingFolder === undefined ? {} : { existingFolder: relativePath(ws.realRoot, existingFolder) }) };
}

/** The path with its folder resolved and its last part as it is: a symlink names itself, not its target. */
async function linkItself(abs: string): Promise<string | undefined> {
  const dir = await realpath(path.dirname(abs)).catch(() => undefined);
  return dir === undefined ? undefined : path.join(dir, path.basename(abs));
}

/** The real path of the nearest existing folder above `abs`, with the rest of `abs` after it. */
async function nearestReal(abs: string): Promise<string | undefined> {
  const rest: string[] = [];
  for (let dir = abs; ; dir = path.dirname(dir)) {
    const real = await realpath(dir).catch(() => undefined);
    if (real !== undefined) return path.join(real, ...rest);
    if (path.dirname(dir) === dir) return undefined;
    rest.unshift(path.basename(dir));
  }
}
