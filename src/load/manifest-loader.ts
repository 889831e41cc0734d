// Load: files, directories, globs and kustomizations → DesiredObjects with file:line, or a
// ManifestError holding every problem of the run; with them, the read set (read-set.ts): every
// workspace file and directory the load and the tools it ran read. Sends nothing anywhere. Every file is read
// inside the workspace and within the limits of manifest-limits.ts; nothing expands aliases
// before the run's alias budget is checked.
import { ManifestError } from '../model/errors.js';
import type { Problem, SourceLocation } from '../model/problem.js';
import { HeldLogger, type Logger } from '../model/logger.js';
import type { KubeObject } from '../objects/kube-object.js';
import type { DesiredObject, ObjectSource } from '../objects/desired-object.js';
import { formatRef, refOf } from '../objects/object-ref.js';
import { placementOf } from '../phases/placement.js';
import type { CapabilitiesSource } from './sources/helm/helm-capabilities.js';
import { declaredChartInputs, undeclaredCharts } from './sources/helm/helm-chart-inputs.js';
import { expandHelmCharts } from './sources/helm/helm-charts.js';
import { KustomizeBuildError } from './sources/kustomize/kustomize.js';
import { kustomizeBuildWithOrigins } from './sources/kustomize/kustomize-origins.js';
import { readManifestFile, sizeProblem } from './manifest-file.js';
import { MAX_ALIAS_NODES, MAX_MANIFEST_BYTES } from './manifest-limits.js';
import { toObjects } from './manifest-validation.js';
import { placeByOrigin } from './sources/kustomize/object-origin.js';
import { duplicateDefinitions } from '../model/duplicate-definitions.js';
import { kustomizationReads, pulledCharts } from './sources/kustomize/kustomization-reads.js';
import { resolvePaths, type ManifestSource } from './path-resolver.js';
import { ReadSetBuilder, type ReadSet } from './read-set.js';
import { openWorkspace } from './workspace-boundary.js';
import { aliasBudgetMessage, listItemLines, parseDocuments, type ParsedDocument } from './yaml-documents.js';
import { isSopsFile, openSopsFile, undecryptedFile, type SopsOptions } from './sops/sops-file.js';
import { strayCiphertextProblems } from './sops/stray-ciphertext.js';

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
  /** How SOPS-encrypted files are decrypted (src/sops/); without it they load undecrypted, for a plan to show. */
  sops?: SopsOptions;
}

/** One source read and parsed, before any of its documents is looked into. */
interface ParsedSource {
  source: ManifestSource;
  base: Omit<ObjectSource, 'line'>;
  lines: string[];
  documents: ParsedDocument[];
  problems: Problem[];
  /** For kustomize output: what its origin annotations' paths are relative to. */
  originRoot?: string;
  /** For kustomize output: what its build warns about (helmCharts without their CRDs). */
  warnings?: string[];
  /** A SOPS-encrypted file (decrypted, or kept encrypted for a plan to show). */
  sops?: true;
}

/** The objects loaded, and every workspace file and directory read to make them. */
export interface LoadResult {
  objects: DesiredObject[];
  reads: ReadSet;
}

export async function loadManifests(options: LoadOptions): Promise<DesiredObject[]> {
  return (await loadDesiredState(options)).objects;
}

export async function loadDesiredState(options: LoadOptions): Promise<LoadResult> {
  const problems: Problem[] = [];
  const reads = new ReadSetBuilder(await openWorkspace(options.workspace));
  const { sources, followedLinks, skippedComponents, charts } = await resolvePaths(options, problems);
  for (const link of followedLinks) options.logger.info(`Followed the symlink ${link} (inside the workspace)`);
  for (const dir of skippedComponents)
    options.logger.info(`Not built on its own: the kustomize Component '${dir}' (it builds inside the kustomizations that list it under components)`);
  const parsed = await chartInputsLeftOut(
    await Promise.all(sources.map(async (s) => decrypted(await readSource(s, options, reads), options))),
    charts,
    options,
    problems,
  );
  const aliasProblems = overAliasBudget(parsed);
  problems.push(...parsed.flatMap((p) => p.problems), ...aliasProblems);
  if (aliasProblems.length === 0) problems.push(...parsed.flatMap(strayCiphertext));
  // Past the alias budget, not even a List's items are walked.
  const held = new HeldLogger(options.logger);
  for (const p of parsed) for (const w of p.warnings ?? []) held.warning(w, { file: p.base.file, line: 1 });
  const loaded = aliasProblems.length > 0 ? [] : (await Promise.all(parsed.map((p) => located(p, objectsOf(p, problems, held), options.workspace)))).flat();
  const helm = {
    workspace: options.workspace,
    namespace: options.namespace ?? 'default',
    logger: held,
    reads,
    ...(options.capabilities ? { capabilities: options.capabilities } : {}),
  };
  const objects = await expandHelmCharts(loaded, helm, problems);
  options.onObjects?.(objects.map((d) => d.object));
  held.flush();
  problems.push(...duplicates(objects));
  // Every problem of a run at once: the placement problems the plan would find next come along.
  if (problems.length > 0) throw new ManifestError([...problems, ...placementProblems(objects)]);
  options.logger.info(`Loaded ${objects.length} objects from ${sources.length} files and kustomizations`);
  return { objects, reads: reads.build() };
}

/** The sources without the values files HelmChart documents name; a problem for each chart directory none names. */
async function chartInputsLeftOut(parsed: ParsedSource[], charts: readonly string[], options: LoadOptions, problems: Problem[]): Promise<ParsedSource[]> {
  const inputs = await declaredChartInputs(
    await openWorkspace(options.workspace),
    parsed.map((p) => ({ file: p.base.file, documents: p.documents })),
  );
  problems.push(...undeclaredCharts(charts, inputs));
  for (const dir of charts) {
    const by = inputs.chartDirs.get(dir);
    if (by) options.logger.info(`Not read as manifests: the Helm chart '${dir}' (${by} renders it)`);
  }
  return parsed.filter((p) => {
    const by = p.source.kind === 'file' ? inputs.valuesFiles.get(p.source.relPath) : undefined;
    if (by) options.logger.info(`Not read as manifests: '${p.source.relPath}', a values file of ${by}`);
    return by === undefined;
  });
}

async function readSource(source: ManifestSource, options: LoadOptions, reads: ReadSetBuilder): Promise<ParsedSource> {
  const { workspace, capabilities } = options;
  const isKustomization = source.kind === 'kustomization';
  const file = isKustomization ? `${source.relPath === '.' ? '' : `${source.relPath}/`}${source.kustomizationFile ?? 'kustomization.yaml'}` : source.relPath;
  const base: Omit<ObjectSource, 'line'> = isKustomization ? { file, kustomization: source.relPath } : { file };
  const failed = (message: string, at: SourceLocation = { file, line: 1 }): ParsedSource => ({
    source,
    base,
    lines: [],
    documents: [],
    problems: [{ message, source: at }],
  });
  let text: string;
  let originRoot: string | undefined;
  let warnings: string[] = [];
  if (isKustomization) {
    const read = await kustomizationReads(source.realPath, await openWorkspace(workspace));
    if ('problem' in read) return failed(read.problem);
    reads.add(read.reads);
    try {
      ({ text, originRoot, warnings } = await kustomizeBuildWithOrigins(source.realPath, {
        displayDir: source.relPath,
        workspace,
        ...(capabilities ? { capabilities } : {}),
      }));
    } catch (error) {
      if (!(error instanceof KustomizeBuildError)) throw error;
      return failed(`kustomize build of '${source.relPath}' ${error.source ? 'refused' : 'failed'}: ${error.message}`, error.source);
    } finally {
      for (const pulled of await pulledCharts(read.chartHomes)) reads.addWritten(pulled);
    }
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > MAX_MANIFEST_BYTES) return failed(`the output of kustomize build of '${source.relPath}' ${sizeProblem(bytes)}`);
  } else {
    reads.addFile(source.realPath);
    const read = await readManifestFile(source.realPath);
    if ('problem' in read) return failed(`'${source.relPath}' ${read.problem}`);
    text = read.text;
  }
  const { documents, problems } = parseDocuments(file, text);
  return { source, base, lines: isKustomization ? [] : text.split(/\r?\n/), documents, problems, ...(originRoot ? { originRoot } : {}), warnings };
}

/** A SOPS-encrypted file is decrypted in memory; kustomize's output holding one is refused (kustomize copies ciphertext). */
async function decrypted(p: ParsedSource, options: LoadOptions): Promise<ParsedSource> {
  if (!isSopsFile(p.documents)) return p;
  const line = p.documents[0]?.line ?? 1;
  if (p.source.kind === 'kustomization') {
    const message = `the output of kustomize build of '${p.source.relPath}' holds a SOPS-encrypted document: kustomize does not decrypt; list the encrypted file in the paths input instead, where kube-gitops decrypts it`;
    return { ...p, documents: [], problems: [...p.problems, { message, source: { file: p.base.file, line } }] };
  }
  const opened = options.sops
    ? await openSopsFile(p.base.file, p.lines.join('\n'), p.documents, options.sops)
    : undecryptedFile(p.documents, 'no decryption was set up');
  if (opened.undecrypted)
    options.logger.info(`'${p.base.file}' is encrypted with SOPS and cannot be decrypted here (${opened.undecrypted}): its objects are shown encrypted`);
  return { ...p, documents: opened.documents, problems: [...p.problems, ...opened.problems], sops: true };
}

/** Ciphertext in a source that is no SOPS file: a stripped one, or kustomize's copy of one (src/sops/stray-ciphertext.ts). */
function strayCiphertext(p: ParsedSource): Problem[] {
  if (p.sops) return [];
  const producedBy = p.source.kind === 'kustomization' ? `the output of kustomize build of '${p.source.relPath}'` : undefined;
  return strayCiphertextProblems({ file: p.base.file, documents: p.documents, lines: p.lines, ...(producedBy ? { producedBy } : {}) });
}

/** kustomize's objects get the file that defines them as their source (the kustomization file when it gave no origin). */
async function located(p: ParsedSource, objects: DesiredObject[], workspace: string): Promise<DesiredObject[]> {
  return p.source.kind === 'kustomization' ? placeByOrigin(objects, workspace, p.originRoot) : objects;
}

/** The nodes aliases add are counted over the whole run, in source order; the document that crosses the budget is named. */
function overAliasBudget(parsed: readonly ParsedSource[]): Problem[] {
  let total = 0;
  for (const p of parsed) {
    for (const doc of p.documents) {
      total += doc.aliasNodes;
      if (total <= MAX_ALIAS_NODES) continue;
      return [{ message: aliasBudgetMessage(doc.aliasNodes, total, 'run'), source: { file: p.base.file, line: doc.line } }];
    }
  }
  return [];
}

function objectsOf(p: ParsedSource, problems: Problem[], logger: Logger): DesiredObject[] {
  return p.documents.flatMap((doc) => {
    const src: ObjectSource = { ...p.base, line: p.source.kind === 'kustomization' ? 1 : doc.line };
    const itemLines = p.source.kind === 'file' ? listItemLines(p.lines, doc.line) : [];
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
