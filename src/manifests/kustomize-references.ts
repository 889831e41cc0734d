// Confines kustomize to the workspace. kustomize refuses files outside a kustomization's root, but
// a directory it references (resources, components, bases) is a root of its own and may be
// anywhere on the runner: every local directory a kustomization reaches is resolved through its
// symlinks and must stay inside the workspace. Remote resources (URLs, git) are left to kustomize.
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { isLocalPath, listOf, readKustomization } from './kustomize-secrets.js';

/** How many kustomizations one build may reach before the walk stops (a cycle or a generated tree). */
const MAX_KUSTOMIZATIONS = 500;

export interface OutsideReference {
  /** The kustomization directory that names it, relative to the workspace. */
  from: string;
  /** The entry as written. */
  entry: string;
  /** Where it really points. */
  target: string;
}

/** The first local reference of the kustomization in `dir` (or of one it reaches) that leaves `workspace`. */
export function referenceOutside(dir: string, workspace: string): OutsideReference | undefined {
  const root = realpathSync(workspace);
  const seen = new Set<string>();
  const queue = [realpathSync(dir)];
  while (queue.length > 0 && seen.size < MAX_KUSTOMIZATIONS) {
    const current = queue.shift() ?? '';
    if (seen.has(current)) continue;
    seen.add(current);
    const doc = readKustomization(current);
    if (!doc) continue;
    for (const ref of [...listOf(doc.resources), ...listOf(doc.components), ...listOf(doc.bases)]) {
      if (typeof ref !== 'string' || !isLocalPath(ref)) continue;
      const target = realTarget(path.resolve(current, ref));
      if (target === undefined) continue; // kustomize reports a missing entry itself
      if (!isWithin(root, target)) return { from: path.relative(root, current) || '.', entry: ref, target };
      if (isDirectory(target)) queue.push(target);
    }
  }
  return undefined;
}

function realTarget(p: string): string | undefined {
  try {
    return realpathSync(p);
  } catch {
    return undefined;
  }
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function isWithin(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
