// `path` and `exclude` entries → the files and directories to read or build, each with its source kind, sorted.
// Entries are relative to the workspace and may not leave it, by `..`, an absolute path or a
// symlink (see workspace-boundary.ts and manifest-walk.ts).
import { glob } from 'node:fs/promises';
import path from 'node:path';
import type { Problem } from '../model/problem.js';
import { parseExcludes } from './exclude-globs.js';
import { GLOB_CHARS } from './path-roots.js';
import { ManifestWalk, hasManifestExtension, type KindShape } from './manifest-walk.js';
import type { Found, FoundSource } from './sources/manifest-source.js';
import type { WalkedEntry } from './non-manifest-files.js';
import { PLAIN_FILE_KIND, SOURCES } from './sources/registry.js';
import { describeFileType, isWithin, openWorkspace, realRelative, relativePath, resolveInWorkspace, type Workspace } from './workspace-boundary.js';

export interface ResolvedSources {
  sources: FoundSource[];
  /** `link -> target` for every symlink followed (all inside the workspace). */
  followedLinks: string[];
  /**
   * Workspace-relative directories the kinds set aside, by aside name, sorted: the kustomize
   * Components a walk met and did not build, the Helm chart directories met (walked into, or
   * holding a file an entry named), never read.
   */
  aside: Map<string, string[]>;
  /** The entries that met nothing but files found by walking, with those files' real paths (non-manifest-files.ts). */
  walkedOnly: WalkedEntry[];
}

export interface ResolveRequest {
  workspace: string;
  paths: readonly string[];
  exclude: readonly string[];
}

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
      const namedDirectly = walk.asideClaimAt(real)?.namedDirectly;
      if (namedDirectly) problems.push({ message: namedDirectly(entry, realRelative(ws, real)) });
    } else if (!hasManifestExtension(abs) && globbed) continue;
    else if (info.isFile()) walk.addFile(real, abs, !globbed);
    else
      problems.push({
        message: `path '${entry}': '${relativePath(ws.root, abs)}' is ${describeFileType(info)}, not a regular file: only regular files are read`,
      });
  }
}

function noMatchProblem(entry: string, ws: Workspace): string {
  return `path '${entry}' matches no manifest (files, directories or globs relative to the workspace ${ws.root}); an empty desired state is never inferred from a typo`;
}

export async function resolvePaths(request: ResolveRequest, problems: Problem[]): Promise<ResolvedSources> {
  const matchesExclude = parseExcludes(request.exclude);
  const ws = await openWorkspace(request.workspace);
  const shapes: KindShape[] = SOURCES.flatMap((s) => (s.shape ? [{ ...(s.found ? { found: s.found } : {}), shape: s.shape(ws) }] : []));
  const walk = new ManifestWalk(ws, problems, matchesExclude, shapes);
  const walkedOnly: WalkedEntry[] = [];
  for (const entry of request.paths) {
    const met = walk.startEntry();
    const problemsBefore = problems.length;
    await addEntry(ws, walk, entry, problems);
    const files = met.onlyWalkedFiles();
    if (files && files.length > 0) walkedOnly.push({ entry, realPaths: files });
    if (met.metAny() || problems.length > problemsBefore) continue;
    const only = met.unmetAside()?.onlyThese?.(entry);
    problems.push(only ? { message: only } : { message: noMatchProblem(entry, ws), code: 'path-matches-nothing', pathEntry: entry });
  }
  // Excludes apply to what is read: a file by its path, a directory by its path or its marker file (its kustomization file).
  const excluded = (f: Found) =>
    [f.walked, realRelative(ws, f.real)].some(
      (rel) => matchesExclude(rel) || (f.marker !== undefined && matchesExclude(`${rel === '.' ? '' : `${rel}/`}${f.marker}`)),
    );
  // Walked files that are a kind's input (a kustomization's, a chart's) are not read as manifests.
  let files = [...walk.files.values()].filter((f) => !excluded(f));
  for (const { shape } of shapes) files = await shape.claimFiles(files, walk, problems);
  const sources: FoundSource[] = [];
  const found: [string | undefined, Found[]][] = [
    ...[...walk.built].map(([kind, byReal]) => [kind, [...byReal.values()]] as [string, Found[]]),
    [undefined, files],
  ];
  for (const [dirKind, list] of found) {
    for (const f of list) {
      if (excluded(f)) continue;
      sources.push({
        kind: dirKind ?? f.kind ?? PLAIN_FILE_KIND,
        relPath: realRelative(ws, f.real),
        realPath: f.real,
        ...(f.marker ? { marker: f.marker } : {}),
        ...(dirKind === undefined && f.named ? { named: true as const } : {}),
      });
    }
  }
  const aside = new Map(
    [...walk.aside].map(([name, byReal]) => [
      name,
      [...byReal.values()]
        .filter((f) => !excluded(f))
        .map((f) => realRelative(ws, f.real))
        .sort(),
    ]),
  );
  return { sources: sources.sort((a, b) => a.relPath.localeCompare(b.relPath)), followedLinks: walk.followed, aside, walkedOnly };
}
