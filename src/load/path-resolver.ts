// `path` and `exclude` entries → the manifest files and kustomization directories to read, sorted.
// Entries are relative to the workspace and may not leave it, by `..`, an absolute path or a
// symlink (see workspace-boundary.ts and manifest-walk.ts).
import { glob } from 'node:fs/promises';
import path from 'node:path';
import type { Problem } from '../model/problem.js';
import { parseExcludes } from './exclude-globs.js';
import { KustomizationIndex } from './sources/kustomize/kustomization-index.js';
import { withoutKustomizationInputs } from './sources/kustomize/kustomization-membership.js';
import { ManifestWalk, hasManifestExtension, type Found } from './manifest-walk.js';
import type { FoundSource } from './sources/manifest-source.js';
import { PLAIN_FILE_KIND } from './sources/registry.js';
import { KUSTOMIZATION_KIND } from './sources/kustomize/kustomize-source.js';
import { describeFileType, isWithin, openWorkspace, realRelative, relativePath, resolveInWorkspace, type Workspace } from './workspace-boundary.js';

export interface ResolvedSources {
  sources: FoundSource[];
  /** `link -> target` for every symlink followed (all inside the workspace). */
  followedLinks: string[];
  /** Workspace-relative directories of the kustomize Components a walk met and did not build. */
  skippedComponents: string[];
  /** Workspace-relative Helm chart directories met (walked into, or holding a file an entry named), not read. */
  charts: string[];
}

export interface ResolveRequest {
  workspace: string;
  paths: readonly string[];
  exclude: readonly string[];
}

const GLOB_CHARS = /[*?[\]{}]/;

async function addEntry(ws: Workspace, walk: ManifestWalk, entry: string, problems: Problem[]): Promise<void> {
  const globbed = GLOB_CHARS.test(entry);
  const matches = globbed ? await Array.fromAsync(glob(entry, { cwd: ws.root })) : [entry];
  for (const m of matches.sort()) {
    const abs = path.resolve(ws.root, m);
    if (!isWithin(ws.root, abs)) {
      problems.push({ message: `path '${entry}' points outside the workspace` });
      continue;
    }
    const resolved = await resolveInWorkspace(ws, abs);
    if ('missing' in resolved) continue;
    if ('problem' in resolved) {
      problems.push({ message: `path '${entry}': ${resolved.problem}` });
      continue;
    }
    const { real, info } = resolved.inside;
    if (info.isDirectory()) {
      await walk.walkDir(real, abs);
      if (walk.components.has(real)) problems.push({ message: componentEntryProblem(entry, realRelative(ws, real)) });
    } else if (!hasManifestExtension(abs) && globbed) continue;
    else if (info.isFile()) walk.addFile(real, abs);
    else
      problems.push({
        message: `path '${entry}': '${relativePath(ws.root, abs)}' is ${describeFileType(info)}, not a regular file: only regular files are read`,
      });
  }
}

function componentEntryProblem(entry: string, dir: string): string {
  return `path '${entry}': '${dir}' is a kustomize Component (kind: Component), which builds only inside a kustomization that lists it under components; point path at that kustomization`;
}

function noMatchProblem(entry: string, ws: Workspace, metComponents: boolean): string {
  if (metComponents)
    return `path '${entry}' holds only kustomize Components, which build only inside the kustomizations that list them under components; point path at those kustomizations`;
  return `path '${entry}' matches no manifest (files, directories or globs relative to the workspace ${ws.root}); an empty desired state is never inferred from a typo`;
}

export async function resolvePaths(request: ResolveRequest, problems: Problem[]): Promise<ResolvedSources> {
  const matchesExclude = parseExcludes(request.exclude);
  const ws = await openWorkspace(request.workspace);
  const index = new KustomizationIndex(ws);
  const walk = new ManifestWalk(ws, problems, matchesExclude, index);
  for (const entry of request.paths) {
    const met = walk.startEntry();
    const problemsBefore = problems.length;
    await addEntry(ws, walk, entry, problems);
    if (!met.metAny() && problems.length === problemsBefore)
      problems.push({
        message: noMatchProblem(entry, ws, met.metComponents()),
        ...(met.metComponents() ? {} : { code: 'path-matches-nothing' as const, pathEntry: entry }),
      });
  }
  // Excludes apply to what is read: a file by its path, a kustomization by its directory or its kustomization file.
  const excluded = (f: Found) =>
    [f.walked, realRelative(ws, f.real)].some(
      (rel) => matchesExclude(rel) || (f.kustomizationFile !== undefined && matchesExclude(`${rel === '.' ? '' : `${rel}/`}${f.kustomizationFile}`)),
    );
  const files = await withoutChartFiles(
    ws,
    walk,
    await withoutKustomizationInputs(
      ws,
      index,
      [...walk.files.values()].filter((f) => !excluded(f)),
      problems,
    ),
  );
  const sources: FoundSource[] = [];
  for (const [dirKind, found] of [
    [KUSTOMIZATION_KIND, [...walk.kustomizations.values()]],
    [undefined, files],
  ] as const) {
    for (const f of found) {
      if (excluded(f)) continue;
      sources.push({
        kind: dirKind ?? f.kind ?? PLAIN_FILE_KIND,
        relPath: realRelative(ws, f.real),
        realPath: f.real,
        ...(f.kustomizationFile ? { marker: f.kustomizationFile } : {}),
      });
    }
  }
  const skippedComponents = [...walk.components.values()]
    .filter((f) => !excluded(f))
    .map((f) => realRelative(ws, f.real))
    .sort();
  const charts = [...walk.charts.values()]
    .filter((f) => !excluded(f))
    .map((f) => realRelative(ws, f.real))
    .sort();
  return { sources: sources.sort((a, b) => a.relPath.localeCompare(b.relPath)), followedLinks: walk.followed, skippedComponents, charts };
}

/** The files not inside a Helm chart directory; the charts of the others are noted as met. */
async function withoutChartFiles(ws: Workspace, walk: ManifestWalk, files: readonly Found[]): Promise<Found[]> {
  const kept: Found[] = [];
  for (const f of files) {
    const chart = await walk.chartIndex.chartOf(f.real);
    if (chart === undefined) kept.push(f);
    else walk.addChart(chart, path.join(ws.root, path.relative(ws.realRoot, chart)));
  }
  return kept;
}
