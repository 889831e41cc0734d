// What a source kind is to the loader: how it is detected (a file name, a directory shape the walk
// meets), how what was found becomes text (and which workspace files that read, for the read set),
// how its objects are placed at their file:line (and `via` what), and, for a kind whose input is a
// document of another (a HelmChart), how it renders those documents in their place. One entry per
// kind lives in its own folder and is listed in registry.ts; the walk, the path resolver and the
// loader ask the registry and never test a kind by name.
import type { Logger } from '../../model/logger.js';
import type { Problem } from '../../model/problem.js';
import type { DesiredObject } from '../../objects/desired-object.js';
import type { SourceLocation, Via } from '../../objects/source-location.js';
import type { ReadSetBuilder } from '../read-set.js';
import type { Workspace } from '../workspace-boundary.js';
import type { ParsedDocument } from '../yaml-documents.js';
import type { CapabilitiesSource } from './helm/helm-capabilities.js';

/** A file or directory the walk met: where it really is, and the path it was reached by. */
export interface Found {
  real: string;
  /** Workspace-relative path as walked (through links), for messages and excludes. */
  walked: string;
  /** For a directory built whole: the file in it that makes it one (`kustomization.yaml`...). */
  marker?: string;
  /** For a file: the kind of source that reads it (registry.ts). */
  kind?: string;
  /** For a file: a `path` entry names it itself (no glob), so it is never skipped as a non-manifest. */
  named?: boolean;
}

/** A directory a kind sets aside: met, but not built on its own (a kustomize Component) or never read (a Helm chart). */
export interface AsideClaim {
  claim: 'aside';
  /** What it is, the key the resolver lists such directories under: `component`, `chart`. */
  aside: string;
  /** The file in it that makes it one (excludes match it as they match the directory). */
  marker?: string;
  /** Whether it counts as meeting the `path` entry that reached it (an entry meeting only unmet ones is a problem). */
  met: boolean;
  /** The problem when a `path` entry names the directory itself. */
  namedDirectly?: (entry: string, dir: string) => string;
  /** The problem when a `path` entry meets nothing but directories like it. */
  onlyThese?: (entry: string) => string;
}

/** What one kind makes of a directory the walk enters. */
export type DirectoryClaim =
  /** A source of the kind, built whole; `marker` is the file that makes it one. */
  | { claim: 'build'; marker: string }
  | AsideClaim
  /** Its marker file is refused (`file`, in the directory): reported, and the directory counts as met. */
  | { claim: 'problem'; problem: string; file: string }
  /** Not this kind's; the walk goes on into it and reads `file` in it as a plain file, whatever its name. */
  | { claim: 'read-file'; file: string };

/** Where a kind sets aside what it claims. */
export interface AsideRecorder {
  setAside(real: string, walkedAbs: string, claim: AsideClaim): void;
}

/** One load's view of a kind's directories and of the walked files that are its input. */
export interface SourceShape {
  /** What a directory the walk enters is to this kind; undefined when it is not its shape. */
  claimDirectory(real: string, walkedAbs: string): Promise<DirectoryClaim | undefined>;
  /** The walked files that are this kind's input, never manifests (a problem each, or set aside); the rest returned. */
  claimFiles(files: readonly Found[], aside: AsideRecorder, problems: Problem[]): Promise<Found[]>;
}

/** Something the path resolver found: a file, or a directory a kind claims whole (a kustomization). */
export interface FoundSource {
  /** The entry's `found` name: `file`, `kustomization`. */
  kind: string;
  /** Workspace-relative path of the real location (symlinks resolved), forward slashes. */
  relPath: string;
  /** Absolute real path to read or build. */
  realPath: string;
  /** For a directory: the file in it that makes it one (`kustomization.yaml`...). */
  marker?: string;
  /** For a file: a `path` entry names it itself (no glob), so it is never skipped as a non-manifest. */
  named?: true;
}

/** What every source of one load shares. */
export interface SourceContext {
  workspace: string;
  /** Told every workspace file and directory read. */
  reads: ReadSetBuilder;
  logger: Logger;
  /** The release namespace of a HelmChart document without metadata.namespace. */
  namespace: string;
  /** The live cluster's Capabilities, for the kinds that render charts; helm's built-in ones when absent. */
  capabilities?: CapabilitiesSource;
}

/** A tool's output rather than a workspace file: its lines are not the user's, and it cannot be a SOPS file. */
export interface ToolOutput {
  /** Names it in messages: `the output of kustomize build of 'k'`. */
  producedBy: string;
  /** Why a SOPS-encrypted document in it is refused, and what to do instead. */
  sopsRefusal: string;
}

/** A found source built into text, or the problem that stopped it. */
export type BuiltSource =
  | {
      text: string;
      /** Set for a tool's output; absent for a workspace file read as it is (SOPS may decrypt it). */
      output?: ToolOutput;
      /** The step every object of it went through (its kustomization). */
      via?: Via;
      /** What the build warns about, logged at the source's file. */
      warnings?: string[];
      /** Places the objects built at the file:line that defines each (kustomize: by origin annotations). */
      locate?: (objects: DesiredObject[]) => Promise<DesiredObject[]>;
    }
  | { problem: string; at?: SourceLocation };

/** One source read and parsed, before any of its documents is looked into. */
export interface ParsedSource {
  found: FoundSource;
  /** The file that stands for the source, where problems about it as a whole are placed. */
  file: string;
  built: Exclude<BuiltSource, { problem: string }> | undefined;
  lines: string[];
  documents: ParsedDocument[];
  problems: Problem[];
  /** A SOPS-encrypted file (decrypted, or kept encrypted for a plan to show). */
  sops?: true;
}

/** What every source kind may do. */
interface SourceKindBase {
  /** Shown in messages and the README: `plain files`, `kustomize`, `Helm charts`. */
  readonly name: string;
  /**
   * Before any object is made: leaves out the parsed sources that are this kind's input rather
   * than manifests (a HelmChart's values files), with a problem for each input nothing names.
   */
  claimInputs?(parsed: ParsedSource[], met: ResolvedMeta, ctx: SourceContext, problems: Problem[]): Promise<ParsedSource[]>;
  /** Per load: how this kind's directories look to the walk, and which walked files are its input. */
  shape?(ws: Workspace): SourceShape;
  /** Logs what the walk set aside for this kind, before any source is read (the Components not built on their own). */
  noteAside?(met: ResolvedMeta, logger: Logger): void;
  /** Renders the documents of other sources that ask for this kind (a HelmChart) in their place. */
  expand?(objects: readonly DesiredObject[], ctx: SourceContext, problems: Problem[]): Promise<DesiredObject[]>;
}

/** A kind the path resolver finds in the workspace (a file, a kustomization directory), read or built whole. */
export interface FoundSourceKind extends SourceKindBase {
  /** The kind the path resolver gives what it found of this source. */
  readonly found: string;
  /** Whether a file of this name is this kind's, for the walk to pick it up (`.yaml`, `.yml`, `.json` for plain files). */
  detectFile?(name: string): boolean;
  /** The file that stands for a found source (`dir/kustomization.yaml`, the file itself). */
  fileOf(found: FoundSource): string;
  /** Reads or builds a found source, telling `ctx.reads` what it read. */
  build(found: FoundSource, ctx: SourceContext): Promise<BuiltSource>;
}

/** A kind found among the documents of the others (a HelmChart document), never built from a walked path. */
export interface DocumentSourceKind extends SourceKindBase {
  readonly found?: undefined;
}

export type ManifestSource = FoundSourceKind | DocumentSourceKind;

/** What the path resolver met besides sources: the directories each kind set aside, by `aside` name, sorted. */
export interface ResolvedMeta {
  aside: ReadonlyMap<string, readonly string[]>;
}
