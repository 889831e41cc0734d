// The targets file's text, read only from inside the workspace: no absolute path, no `..` out of it,
// no symlink (the file's or a parent's) leading out of it, a regular file only, at most
// MAX_TARGETS_FILE_BYTES. The same boundary the loader keeps for manifests (workspace-boundary.ts).
import { lstatSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { ConfigurationError, errorCode } from '../model/errors.js';
import { Inputs } from '../model/inputs-outputs.js';
import { formatBytes } from '../load/manifest-limits.js';
import { describeFileType, isWithin, relativePath } from '../load/workspace-boundary.js';

/**
 * Largest targets file read: 1 MiB. A target takes a few hundred bytes, so this holds thousands;
 * a larger file is a mistake or an attack, refused before it is read.
 */
export const MAX_TARGETS_FILE_BYTES = 1024 * 1024;

export interface TargetsFileText {
  /** The file as the input names it, workspace-relative: what every message names. */
  name: string;
  text: string;
}

export function readTargetsFileText(workspace: string, given: string): TargetsFileText {
  const name = given.trim();
  const fail = (why: string) => new ConfigurationError(`Input '${Inputs.TargetsFile}': ${why}.`, Inputs.TargetsFile);
  if (name === '' || path.isAbsolute(name)) throw fail(`'${name}' must be a path relative to the workspace, such as kube-gitops.yaml`);
  const root = path.resolve(workspace);
  const abs = path.resolve(root, name);
  if (!isWithin(root, abs)) throw fail(`'${name}' points outside the workspace; the targets file must be in the repository`);
  if (!exists(abs)) throw fail(`'${name}' does not exist in the workspace (${root})`);
  const real = realOf(abs, name, fail);
  const realRoot = realOf(root, '.', fail);
  if (!isWithin(realRoot, real)) throw fail(`'${name}' leads through a symlink to ${real}, outside the workspace; keep the targets file in the repository`);
  const info = statSync(real);
  if (!info.isFile()) throw fail(`'${relativePath(root, abs)}' is ${describeFileType(info)}, not a regular file`);
  if (info.size > MAX_TARGETS_FILE_BYTES)
    throw fail(`'${name}' is ${formatBytes(info.size)}; a targets file may be at most ${formatBytes(MAX_TARGETS_FILE_BYTES)}`);
  return { name, text: readFileSync(real, 'utf8') };
}

function realOf(abs: string, name: string, fail: (why: string) => ConfigurationError): string {
  try {
    return realpathSync(abs);
  } catch (error) {
    throw fail(errorCode(error) === 'ELOOP' ? `'${name}' is a symlink loop` : `'${name}' is a symlink whose target does not exist`);
  }
}

/** Whether `abs` exists; a part of it that is a file (`README.md/kube-gitops.yaml`) means it does not. */
function exists(abs: string): boolean {
  try {
    return lstatSync(abs, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return false;
  }
}
