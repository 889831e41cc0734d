// Each `path` entry of a targets file must reach something inside the workspace: not an absolute
// path, no `..` out of it, no symlink out of it, and a glob must match at least one file. The
// loader checks the same when it reads a target (src/load/path-resolver.ts); here it is checked for
// every target of the file at once, at the line of the entry, before any target runs.
import { globSync, lstatSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { isWithin } from '../load/workspace-boundary.js';
import { quoted } from './target-field-values.js';

const GLOB_CHARS = /[*?[\]{}]/;
/** A brace range (`{1..200000}`) expands to as many patterns as it counts: refused in a file a pull request controls. */
const BRACE_RANGE = /\{[^}]*\.\.[^}]*\}/;
/** A `..` among a glob's parts would let it walk directories outside the workspace. */
const PARENT_PART = /(^|\/)\.\.(\/|$)/;

/** Why the path entry reaches nothing inside the workspace, or undefined when it reaches something. */
export function pathEntryProblem(workspace: string, entry: string): string | undefined {
  const root = path.resolve(workspace);
  const realRoot = realOrUndefined(root) ?? root;
  if (path.isAbsolute(entry)) return `path ${quoted(entry)} is absolute; paths are relative to the workspace`;
  if (!isWithin(root, path.resolve(root, entry))) return `path ${quoted(entry)} points outside the workspace`;
  if (BRACE_RANGE.test(entry)) return `path ${quoted(entry)} has a brace range ({a..b}); list the paths, or use * and ?`;
  if (GLOB_CHARS.test(entry) && PARENT_PART.test(entry)) return `path ${quoted(entry)} is a glob with '..' in it; write it from the workspace down`;
  const matches = GLOB_CHARS.test(entry) ? globSync(entry, { cwd: root }) : [entry];
  let escaped: string | undefined;
  for (const m of matches) {
    const abs = path.resolve(root, m);
    if (!isWithin(root, abs) || !existsHere(abs)) continue;
    const real = realOrUndefined(abs);
    if (real && isWithin(realRoot, real)) return undefined;
    escaped ??= m;
  }
  if (escaped !== undefined) return `path ${quoted(entry)}: '${escaped}' is a symlink that leads outside the workspace (or nowhere)`;
  return `path ${quoted(entry)} matches nothing in the workspace; an empty desired state is never inferred from a typo`;
}

/** Whether `abs` exists; a part of it that is a file (`README.md/deploy`) means it does not. */
function existsHere(abs: string): boolean {
  try {
    return lstatSync(abs, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return false;
  }
}

function realOrUndefined(abs: string): string | undefined {
  try {
    return realpathSync(abs);
  } catch {
    return undefined;
  }
}
