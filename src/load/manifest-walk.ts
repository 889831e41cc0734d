// Collects manifest files, and the directories a source kind builds whole, under a directory. A
// symlink met on the way is followed when its target is inside the workspace (each real file and
// directory once, a link back into its own ancestors refused as a loop) and reported when it is
// not; a pipe, a device or a socket named like a manifest is reported too. Nothing is skipped
// silently. Each directory is first offered to the source kinds' shapes (sources/registry.ts), in
// order: one may build it whole (a kustomization), set it aside (a kustomize Component, a Helm
// chart), refuse it, or let the walk go in; files are picked up by the names a kind claims.
import type { Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Problem } from '../model/problem.js';
import { SOURCES } from './sources/registry.js';
import type { AsideClaim, AsideRecorder, Found, SourceShape } from './sources/manifest-source.js';
import { describeFileType, isWithin, realRelative, relativePath, resolveInWorkspace, type Workspace } from './workspace-boundary.js';

const SKIPPED_DIRS = new Set(['.git', 'node_modules']);

/** The kind of source a file of this name is (sources/registry.ts), or undefined when no kind reads it. */
export function fileKindOf(name: string): string | undefined {
  return SOURCES.find((s) => s.found !== undefined && s.detectFile?.(name))?.found;
}

export function hasManifestExtension(name: string): boolean {
  return fileKindOf(name) !== undefined;
}

/** A kind's shape, with the kind its directories are built as (none for a kind that only sets aside). */
export interface KindShape {
  found?: string;
  shape: SourceShape;
}

export class ManifestWalk implements AsideRecorder {
  readonly files = new Map<string, Found>();
  /** Directories built whole, by the kind that builds them. */
  readonly built = new Map<string, Map<string, Found>>();
  /** Directories set aside, by their aside name (`component`, `chart`). */
  readonly aside = new Map<string, Map<string, Found>>();
  /** `link -> target` notes of the symlinks followed, for the log. */
  readonly followed: string[] = [];
  /** The claim of each directory set aside, by real path. */
  private readonly asideClaims = new Map<string, AsideClaim>();
  /** Real directories walked for the current entry: a directory reached twice is walked once. */
  private readonly visited = new Set<string>();
  /** Files and directories met, repeats included: an entry that meets nothing is a typo. */
  private hits = 0;
  /** The files met by walking (not named by an entry), by real path, for the current entry. */
  private walkedFiles = new Set<string>();
  /** Of `hits`, those that were files met by walking. */
  private walkedHits = 0;
  /** Directories set aside that do not count as met, in the order met. */
  private readonly unmet: AsideClaim[] = [];

  constructor(
    private readonly ws: Workspace,
    private readonly problems: Problem[],
    private readonly isExcluded: (walkedRel: string) => boolean,
    private readonly shapes: readonly KindShape[],
  ) {}

  /**
   * Starts a `path` entry; tells afterwards whether it met any manifest, the first directory set
   * aside unmet, and, when all it met were files found by walking, their real paths (non-manifest-files.ts).
   */
  startEntry(): { metAny: () => boolean; unmetAside: () => AsideClaim | undefined; onlyWalkedFiles: () => string[] | undefined } {
    this.visited.clear();
    this.walkedFiles = new Set();
    const [before, unmetBefore, walkedBefore] = [this.hits, this.unmet.length, this.walkedHits];
    const walkedFiles = this.walkedFiles;
    return {
      metAny: () => this.hits > before,
      unmetAside: () => this.unmet[unmetBefore],
      onlyWalkedFiles: () => (this.hits - before === this.walkedHits - walkedBefore ? [...walkedFiles] : undefined),
    };
  }

  /** How a directory was set aside, if it was. */
  asideClaimAt(real: string): AsideClaim | undefined {
    return this.asideClaims.get(real);
  }

  report(walkedAbs: string, message: string): void {
    if (!this.isExcluded(relativePath(this.ws.root, walkedAbs))) this.problems.push({ message });
  }

  /** Adds a file; `named` when a `path` entry names it itself (never skipped as a non-manifest). */
  addFile(real: string, walkedAbs: string, named = false): void {
    this.hits++;
    if (!named) {
      this.walkedHits++;
      this.walkedFiles.add(real);
    }
    const kind = fileKindOf(walkedAbs);
    const known = this.files.get(real);
    if (known && named) known.named = true;
    if (!known) this.files.set(real, { real, walked: relativePath(this.ws.root, walkedAbs), ...(kind ? { kind } : {}), ...(named ? { named } : {}) });
  }

  /** Walks a directory given by its real path; `walkedAbs` is how it was reached. */
  async walkDir(real: string, walkedAbs: string): Promise<void> {
    if (this.visited.has(real)) return;
    this.visited.add(real);
    if (await this.claimedByAKind(real, walkedAbs)) return;
    const entries = (await readdir(real, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (SKIPPED_DIRS.has(e.name)) continue;
      const childReal = path.join(real, e.name);
      const childWalked = path.join(walkedAbs, e.name);
      if (e.isDirectory()) await this.walkDir(childReal, childWalked);
      else if (e.isSymbolicLink()) await this.followLink(real, childWalked);
      else if (!hasManifestExtension(e.name)) continue;
      else if (e.isFile()) this.addFile(childReal, childWalked);
      else
        this.report(
          childWalked,
          `'${relativePath(this.ws.root, childWalked)}' is ${await fileType(childReal)}, not a regular file: only regular files are read`,
        );
    }
  }

  setAside(real: string, walkedAbs: string, claim: AsideClaim): void {
    if (claim.met) this.hits++;
    else this.unmet.push(claim);
    const byName = this.aside.get(claim.aside) ?? new Map<string, Found>();
    this.aside.set(claim.aside, byName);
    if (!byName.has(real)) byName.set(real, { real, walked: relativePath(this.ws.root, walkedAbs), ...(claim.marker ? { marker: claim.marker } : {}) });
    if (!this.asideClaims.has(real)) this.asideClaims.set(real, claim);
  }

  private async followLink(parentReal: string, linkAbs: string): Promise<void> {
    const name = relativePath(this.ws.root, linkAbs);
    const target = await stat(linkAbs).catch(() => undefined);
    // A link to a file that is not a manifest is ignored like any such file; a link to nothing is
    // not (it may have been a directory of manifests: its target was renamed or deleted), it is refused below.
    if (target && !target.isDirectory() && !hasManifestExtension(linkAbs)) return;
    const resolved = await resolveInWorkspace(this.ws, linkAbs);
    if ('problem' in resolved) {
      this.report(linkAbs, resolved.problem);
      return;
    }
    if (!('inside' in resolved)) return;
    const { real, info } = resolved.inside;
    const shown = realRelative(this.ws, real);
    if (info.isDirectory() && isWithin(real, parentReal)) {
      this.report(linkAbs, `'${name}' is a symlink to '${shown}', a directory that contains the link: following it would loop; remove the link or exclude it`);
      return;
    }
    if (info.isDirectory()) {
      this.followed.push(`${name} -> ${shown}`);
      return this.walkDir(real, linkAbs);
    }
    if (!info.isFile()) {
      this.report(linkAbs, `'${name}' is a symlink to '${shown}', ${describeFileType(info)}: only regular files are read`);
      return;
    }
    this.followed.push(`${name} -> ${shown}`);
    this.addFile(real, linkAbs);
  }

  /** Whether a kind built, set aside or refused the directory; a marker file is resolved with the same symlink rule. */
  private async claimedByAKind(real: string, walkedAbs: string): Promise<boolean> {
    for (const { found, shape } of this.shapes) {
      const claim = await shape.claimDirectory(real, walkedAbs);
      if (claim === undefined) continue;
      if (claim.claim === 'read-file') {
        // Read with the directory's other files; `Kustomization` has no manifest extension to be picked up by.
        if (!hasManifestExtension(claim.file)) this.addFile(path.join(real, claim.file), path.join(walkedAbs, claim.file));
        continue;
      }
      if (claim.claim === 'aside') this.setAside(real, walkedAbs, claim);
      else if (claim.claim === 'problem') {
        this.report(path.join(walkedAbs, claim.file), claim.problem);
        this.hits++;
      } else this.build(found, real, walkedAbs, claim.marker);
      return true;
    }
    return false;
  }

  private build(kind: string | undefined, real: string, walkedAbs: string, marker: string): void {
    if (kind === undefined) throw new Error('a source kind that builds no directory claimed one to build');
    const byReal = this.built.get(kind) ?? new Map<string, Found>();
    this.built.set(kind, byReal);
    if (!byReal.has(real)) byReal.set(real, { real, walked: relativePath(this.ws.root, walkedAbs), marker });
    this.hits++;
  }
}

async function fileType(abs: string): Promise<string> {
  const info: Stats | undefined = await stat(abs).catch(() => undefined);
  return info ? describeFileType(info) : 'not a regular file';
}
