// Load: files, directories, globs and kustomizations → DesiredObjects with file:line, or a
// ManifestError holding every problem of the run. Each source kind (sources/registry.ts) builds,
// places and expands its own; SOPS decrypts a file's text before its documents are read; a walked
// file that is clearly no manifest is skipped with one notice (non-manifest-files.ts); with them, the read set (read-set.ts): every
// workspace file and directory the load and the tools it ran read. Sends nothing anywhere. Every file is read
// inside the workspace and within the limits of manifest-limits.ts; nothing expands aliases
// before the run's alias budget is checked.
import { ManifestError } from '../model/errors.js';
import type { Problem } from '../model/problem.js';
import { HeldLogger, type Logger } from '../model/logger.js';
import { duplicateDefinitions } from '../model/duplicate-definitions.js';
import type { KubeObject } from '../objects/kube-object.js';
import type { DesiredObject } from '../objects/desired-object.js';
import { formatRef, refOf } from '../objects/object-ref.js';
import type { SourceLocation } from '../objects/source-location.js';
import { placementOf } from '../phases/placement.js';
import { MAX_ALIAS_NODES } from './manifest-limits.js';
import { toObjects } from './manifest-validation.js';
import { entriesLeftEmpty, skipNonManifests, skippedNotice } from './non-manifest-files.js';
import { resolvePaths } from './path-resolver.js';
import { ReadSetBuilder, type ReadSet } from './read-set.js';
import { openWorkspace } from './workspace-boundary.js';
import { aliasBudgetMessage, listItemLines, parseDocuments } from './yaml-documents.js';
import { decrypted, strayCiphertext } from './sops/sops-source.js';
import type { SopsOptions } from './sops/sops-file.js';
import type { CapabilitiesSource } from './sources/helm/helm-capabilities.js';
import type { FoundSource, ParsedSource, SourceContext } from './sources/manifest-source.js';
import { SOURCES, sourceFor } from './sources/registry.js';

export interface LoadOptions {
  workspace: string;
  paths: string[];
  exclude: string[];
  logger: Logger;
  /** The release namespace of a HelmChart document without metadata.namespace (the `namespace` input; default `default`). */
  namespace?: string;
  /** The live cluster's Capabilities for rendering HelmChart documents; helm's built-in ones when absent. */
  capabilities?: CapabilitiesSource;
  /**
   * Sees every object loaded before any message naming one is logged or thrown: the run registers
   * Secret values with its redactor here, so a warning or problem cannot reveal one.
   */
  onObjects?: (objects: readonly KubeObject[]) => void;
  /** How SOPS-encrypted files are decrypted (src/load/sops/); without it they load undecrypted, for a plan to show. */
  sops?: SopsOptions;
}

/** The objects loaded, and every workspace file and directory read to make them. */
export interface LoadResult {
  objects: DesiredObject[];
  reads: ReadSet;
  /** `link -> target` for every symlink the walk followed (all inside the workspace). */
  followedLinks: string[];
}

export async function loadManifests(options: LoadOptions): Promise<DesiredObject[]> {
  return (await loadDesiredState(options)).objects;
}

export async function loadDesiredState(options: LoadOptions): Promise<LoadResult> {
  const problems: Problem[] = [];
  const reads = new ReadSetBuilder(await openWorkspace(options.workspace));
  const { sources, followedLinks, aside, walkedOnly } = await resolvePaths(options, problems);
  for (const link of followedLinks) options.logger.info(`Followed the symlink ${link} (inside the workspace)`);
  for (const kind of SOURCES) kind.noteAside?.({ aside }, options.logger);
  const ctx: SourceContext = {
    workspace: options.workspace,
    namespace: options.namespace ?? 'default',
    logger: options.logger,
    reads,
    ...(options.capabilities ? { capabilities: options.capabilities } : {}),
  };
  let parsed = await Promise.all(sources.map(async (s) => decrypted(await readSource(s, ctx), options.sops, options.logger)));
  for (const kind of SOURCES) if (kind.claimInputs) parsed = await kind.claimInputs(parsed, { aside }, ctx, problems);
  const { kept, skipped } = skipNonManifests(parsed);
  parsed = kept;
  const notice = skippedNotice(skipped);
  if (notice) options.logger.info(notice);
  problems.push(...entriesLeftEmpty(walkedOnly, kept, skipped));
  const aliasProblems = overAliasBudget(parsed);
  problems.push(...parsed.flatMap((p) => p.problems), ...aliasProblems);
  if (aliasProblems.length === 0) problems.push(...parsed.flatMap(strayCiphertext));
  // Past the alias budget, not even a List's items are walked.
  const held = new HeldLogger(options.logger);
  for (const p of parsed) for (const w of p.built?.warnings ?? []) held.warning(w, { file: p.file, line: 1 });
  let objects = aliasProblems.length > 0 ? [] : (await Promise.all(parsed.map((p) => located(p, objectsOf(p, problems, held))))).flat();
  for (const kind of SOURCES) if (kind.expand) objects = await kind.expand(objects, { ...ctx, logger: held }, problems);
  options.onObjects?.(objects.map((d) => d.object));
  held.flush();
  problems.push(...duplicates(objects));
  // Every problem of a run at once: the placement problems the plan would find next come along.
  if (problems.length > 0) throw new ManifestError([...problems, ...placementProblems(objects)]);
  options.logger.info(`Loaded ${objects.length} objects from ${sources.length - skipped.length} files and kustomizations`);
  return { objects, reads: reads.build(), followedLinks };
}

/** Builds a found source with the entry of its kind and parses its text. */
async function readSource(found: FoundSource, ctx: SourceContext): Promise<ParsedSource> {
  const kind = sourceFor(found.kind);
  const file = kind.fileOf(found);
  const built = await kind.build(found, ctx);
  if ('problem' in built)
    return { found, file, built: undefined, lines: [], documents: [], problems: [{ message: built.problem, source: built.at ?? { file, line: 1 } }] };
  const { documents, problems } = parseDocuments(file, built.text);
  return { found, file, built, lines: built.output ? [] : built.text.split(/\r?\n/), documents, problems };
}

/** Each object placed where its source kind says (kustomize's at the file that defines it). */
async function located(p: ParsedSource, objects: DesiredObject[]): Promise<DesiredObject[]> {
  return p.built?.locate ? p.built.locate(objects) : objects;
}

/** The nodes aliases add are counted over the whole run, in source order; the document that crosses the budget is named. */
function overAliasBudget(parsed: readonly ParsedSource[]): Problem[] {
  let total = 0;
  for (const p of parsed) {
    for (const doc of p.documents) {
      total += doc.aliasNodes;
      if (total <= MAX_ALIAS_NODES) continue;
      return [{ message: aliasBudgetMessage(doc.aliasNodes, total, 'run'), source: { file: p.file, line: doc.line } }];
    }
  }
  return [];
}

/** A workspace file's documents (and List items) keep their lines; a tool's output is placed at line 1 until located. */
function objectsOf(p: ParsedSource, problems: Problem[], logger: Logger): DesiredObject[] {
  const via = p.built?.via;
  return p.documents.flatMap((doc) => {
    const src: SourceLocation = { file: p.file, line: p.built?.output ? 1 : doc.line, ...(via ? { via: [via] } : {}) };
    const itemLines = p.built?.output ? [] : listItemLines(p.lines, doc.line);
    return toObjects(doc.value, src, problems, logger, (i) => itemLines[i] ?? src.line);
  });
}

/** Hook and wave annotations that cannot be read (what the plan refuses), for the objects that loaded. */
function placementProblems(objects: readonly DesiredObject[]): Problem[] {
  return objects.flatMap((d) => {
    const ref = refOf(d.object);
    const verdict = placementOf(d.object, formatRef(ref));
    return 'problem' in verdict ? [{ ref, source: d.source, message: verdict.problem }] : [];
  });
}

function duplicates(objects: readonly DesiredObject[]): Problem[] {
  return duplicateDefinitions(objects.map((d) => ({ ref: refOf(d.object), source: d.source })));
}
