// Where a path in the workspace really leads. Symlinks are resolved (realpath of the path and of
// the workspace) and must end inside the workspace; only regular files and directories are
// manifests. Nothing here reads a file's content.
import { errorCode } from '../model/errors.js';
import type { Stats } from 'node:fs';
import { lstat, readlink, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

export interface Workspace {
  /** The workspace as given, resolved to an absolute path. */
  root: string;
  /** The same directory with every symlink resolved. */
  realRoot: string;
}

/** A path that stays inside the workspace: its real location and what is there. */
export interface InsidePath {
  real: string;
  info: Stats;
  /** The path, or one of its parents, is a symlink. */
  linked: boolean;
}

export type Resolution = { inside: InsidePath } | { problem: string } | { missing: true };

export async function openWorkspace(workspace: string): Promise<Workspace> {
  const root = path.resolve(workspace);
  return { root, realRoot: await realpath(root).catch(() => root) };
}

export function isWithin(dir: string, candidate: string): boolean {
  return candidate === dir || candidate.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
}

/** Workspace-relative, forward slashes; `.` for the workspace itself. */
export function relativePath(dir: string, abs: string): string {
  return path.relative(dir, abs).split(path.sep).join('/') || '.';
}

/** The real workspace-relative path of a resolved location. */
export function realRelative(ws: Workspace, real: string): string {
  return relativePath(ws.realRoot, real);
}

export function describeFileType(info: Stats): string {
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  if (info.isDirectory()) return 'a directory';
  return 'not a regular file';
}

async function linkText(abs: string): Promise<string> {
  return (await lstat(abs)).isSymbolicLink() ? readlink(abs).catch(() => '?') : '';
}

/**
 * Resolves `abs` (a path under the workspace root as written) to where it leads. A link whose
 * target is outside the workspace, a dangling link and a link loop are problems naming the path
 * relative to the workspace and the target.
 */
export async function resolveInWorkspace(ws: Workspace, abs: string): Promise<Resolution> {
  const name = relativePath(ws.root, abs);
  const own = await lstat(abs).catch(() => undefined);
  if (!own) return { missing: true };
  let real: string;
  try {
    real = await realpath(abs);
  } catch (error) {
    const target = await linkText(abs).catch(() => '');
    if (errorCode(error) === 'ELOOP') return { problem: `'${name}' is a symlink loop${target ? ` (it points to '${target}')` : ''}; remove the link` };
    return { problem: `'${name}' is a symlink to '${target}', which does not exist; remove the link or restore its target` };
  }
  if (!isWithin(ws.realRoot, real)) {
    const written = own.isSymbolicLink() ? await readlink(abs).catch(() => real) : real;
    const target = path.resolve(path.dirname(abs), written) === real ? real : `${written} (${real})`;
    const how = own.isSymbolicLink() ? 'is a symlink to' : 'leads through a symlink to';
    return {
      problem: `'${name}' ${how} ${target}, outside the workspace: only files inside the workspace are read; copy the file into the repository instead`,
    };
  }
  const info = await stat(real);
  return { inside: { real, info, linked: real !== path.join(ws.realRoot, path.relative(ws.root, abs)) } };
}
