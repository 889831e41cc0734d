// `path` and `exclude` entries → the manifest files and kustomization directories to read, sorted.
import { existsSync } from 'node:fs';
import { glob, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ManifestProblem } from '../errors.js';
import { KUSTOMIZATION_FILES } from './kustomize.js';

export interface ManifestSource {
  kind: 'file' | 'kustomization';
  /** Workspace-relative, forward slashes. */
  relPath: string;
}

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
const SKIPPED_DIRS = new Set(['.git', 'node_modules']);
const GLOB_CHARS = /[*?[\]{}]/;

function rel(workspace: string, abs: string): string {
  return path.relative(workspace, abs).split(path.sep).join('/') || '.';
}

export function isKustomizationDir(abs: string): boolean {
  return KUSTOMIZATION_FILES.some((f) => existsSync(path.join(abs, f)));
}

async function walk(abs: string, out: string[], dirs: string[]): Promise<void> {
  if (isKustomizationDir(abs)) {
    dirs.push(abs);
    return;
  }
  const entries = (await readdir(abs, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    const child = path.join(abs, e.name);
    if (e.isDirectory() && !SKIPPED_DIRS.has(e.name)) await walk(child, out, dirs);
    else if (e.isFile() && MANIFEST_EXTENSIONS.has(path.extname(e.name).toLowerCase())) out.push(child);
  }
}

export async function resolvePaths(workspace: string, entries: readonly string[], exclude: readonly string[], problems: ManifestProblem[]): Promise<ManifestSource[]> {
  const root = path.resolve(workspace);
  const files: string[] = [];
  const dirs: string[] = [];
  for (const entry of entries) {
    const before = files.length + dirs.length;
    const matches = GLOB_CHARS.test(entry) ? await Array.fromAsync(glob(entry, { cwd: root })) : [entry];
    for (const m of matches.sort()) {
      const abs = path.resolve(root, m);
      if (abs !== root && !abs.startsWith(root + path.sep)) {
        problems.push({ message: `path '${entry}' points outside the workspace` });
        continue;
      }
      const info = await stat(abs).catch(() => undefined);
      if (!info) continue;
      if (info.isDirectory()) await walk(abs, files, dirs);
      else if (MANIFEST_EXTENSIONS.has(path.extname(abs).toLowerCase()) || !GLOB_CHARS.test(entry)) files.push(abs);
    }
    if (files.length + dirs.length === before) {
      problems.push({ message: `path '${entry}' matches no manifest (files, directories or globs relative to the workspace ${root}); an empty desired state is never inferred from a typo` });
    }
  }
  // A kustomization directory is excluded by a glob matching the directory or anything in it.
  const excluded = (abs: string) => exclude.some((g) => path.matchesGlob(rel(root, abs), g) || path.matchesGlob(`${rel(root, abs)}/kustomization.yaml`, g));
  const seen = new Set<string>();
  const out: ManifestSource[] = [];
  for (const [kind, list] of [['kustomization', dirs], ['file', files]] as const) {
    for (const abs of list) {
      if (seen.has(abs) || excluded(abs)) continue;
      seen.add(abs);
      out.push({ kind, relPath: rel(root, abs) });
    }
  }
  return out.sort((a, b) => a.relPath.localeCompare(b.relPath));
}
