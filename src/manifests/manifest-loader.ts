// Load: files, directories, globs and kustomizations → DesiredObjects with file:line, or a
// ManifestError holding every problem of the run. Sends nothing anywhere.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ManifestError, formatLocation, type ManifestProblem } from '../errors.js';
import type { Logger } from '../logging.js';
import type { DesiredObject, ObjectSource } from '../objects/desired-object.js';
import { refKey, refOf } from '../objects/object-ref.js';
import { KUSTOMIZATION_FILES, KustomizeBuildError, kustomizeBuild } from './kustomize.js';
import { toObjects } from './manifest-validation.js';
import { resolvePaths, type ManifestSource } from './path-resolver.js';
import { lineOf, parseDocuments } from './yaml-documents.js';
import { existsSync } from 'node:fs';

export interface LoadOptions {
  workspace: string;
  paths: string[];
  exclude: string[];
  logger: Logger;
}

export async function loadManifests(options: LoadOptions): Promise<DesiredObject[]> {
  const problems: ManifestProblem[] = [];
  const sources = await resolvePaths(options.workspace, options.paths, options.exclude, problems);
  const loaded = await Promise.all(sources.map((s) => loadSource(options.workspace, s, options.logger)));
  const objects: DesiredObject[] = [];
  for (const l of loaded) {
    problems.push(...l.problems);
    objects.push(...l.objects);
  }
  problems.push(...duplicates(objects));
  if (problems.length > 0) throw new ManifestError(problems);
  options.logger.info(`Loaded ${objects.length} objects from ${sources.length} files and kustomizations`);
  return objects;
}

async function loadSource(workspace: string, source: ManifestSource, logger: Logger): Promise<{ objects: DesiredObject[]; problems: ManifestProblem[] }> {
  const abs = path.resolve(workspace, source.relPath);
  const problems: ManifestProblem[] = [];
  let text: string;
  let base: Omit<ObjectSource, 'line'>;
  if (source.kind === 'kustomization') {
    const file = `${source.relPath === '.' ? '' : `${source.relPath}/`}${KUSTOMIZATION_FILES.find((f) => existsSync(path.join(abs, f))) ?? 'kustomization.yaml'}`;
    base = { file, kustomization: source.relPath };
    try {
      text = await kustomizeBuild(abs);
    } catch (error) {
      if (!(error instanceof KustomizeBuildError)) throw error;
      return { objects: [], problems: [{ message: `kustomize build of '${source.relPath}' failed: ${error.message}`, location: { file, line: 1 } }] };
    }
  } else {
    base = { file: source.relPath };
    text = await readFile(abs, 'utf8');
  }
  const parsed = parseDocuments(base.file, text);
  problems.push(...parsed.problems);
  const objects: DesiredObject[] = [];
  for (const doc of parsed.documents) {
    const src: ObjectSource = { ...base, line: source.kind === 'kustomization' ? 1 : doc.line };
    const itemLines = (i: number) => (source.kind === 'file' ? nthItemLine(text, doc.line, i) : src.line);
    objects.push(...toObjects(doc.value, src, problems, logger, itemLines));
  }
  return { objects, problems };
}

/** Line of the i-th `- ` entry under `items:` after the document start (best effort, else the List's line). */
function nthItemLine(text: string, from: number, index: number): number {
  const itemsLine = lineOf(text, /^items:\s*$/, from);
  if (itemsLine === undefined) return from;
  const lines = text.split(/\r?\n/);
  const indent = /^(\s*)-/.exec(lines[itemsLine] ?? '')?.[1] ?? '';
  let seen = -1;
  for (let i = itemsLine; i < lines.length; i++) {
    if (new RegExp(`^${indent}- `).test(lines[i]!) || lines[i] === `${indent}-`) seen++;
    if (seen === index) return i + 1;
  }
  return from;
}

function duplicates(objects: readonly DesiredObject[]): ManifestProblem[] {
  const first = new Map<string, DesiredObject>();
  const problems: ManifestProblem[] = [];
  for (const d of objects) {
    const ref = refOf(d.object);
    const key = refKey(ref);
    const prior = first.get(key);
    if (!prior) {
      first.set(key, d);
      continue;
    }
    const id = `${ref.kind}${ref.namespace ? `/${ref.namespace}` : ''}/${ref.name}`;
    problems.push({ message: `${id} is defined twice: at ${formatLocation(prior.source)} and at ${formatLocation(d.source)}`, location: d.source });
  }
  return problems;
}
