// Confines kustomize to the workspace. kustomize refuses files outside a kustomization's root, but
// a directory it references (resources, components, bases) is a root of its own and may be
// anywhere on the runner: every local directory a kustomization reaches is resolved through its
// symlinks and must stay inside the workspace. Remote resources (URLs, git) are left to kustomize.
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { localReferences, walkKustomizations } from './kustomize-secrets.js';

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
  let found: OutsideReference | undefined;
  walkKustomizations(realpathSync(dir), MAX_KUSTOMIZATIONS, (current, doc) => {
    const next: string[] = [];
    for (const entry of localReferences(doc)) {
      const target = realTarget(path.resolve(current, entry));
      if (target === undefined) continue; // kustomize reports a missing entry itself
      if (!isWithin(root, target)) {
        found = { from: path.relative(root, current) || '.', entry, target };
        return undefined;
      }
      if (isDirectory(target)) next.push(target);
    }
    return next;
  });
  return found;
}

/** Where `p` really leads (symlinks resolved), or undefined when it does not exist. */
export function realTarget(p: string): string | undefined {
  try {
    return realpathSync(p);
  } catch {
    return undefined;
  }
}

export function isDirectory(p: string): boolean {
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
