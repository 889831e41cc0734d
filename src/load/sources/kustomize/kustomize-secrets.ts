// The values a kustomization's secretGenerators hold (literals, env files, files), in it and in the
// local kustomizations it references, so that kustomize's error messages can be redacted before
// they are shown: kustomize quotes a malformed literal or env line verbatim.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { isJsonObject, type JsonValue } from '../../../objects/kube-object.js';

export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** Generator files larger than this are not read (kustomize reads them; a message quotes a line at most). */
const MAX_FILE_BYTES = 1024 * 1024;
const MAX_KUSTOMIZATIONS = 200;

/** Every secretGenerator value of the kustomization in `dir` and of the local kustomizations it references. */
export function secretGeneratorValues(dir: string): string[] {
  const values = new Set<string>();
  walkKustomizations(path.resolve(dir), MAX_KUSTOMIZATIONS, (current, doc) => {
    for (const gen of listOf(doc.secretGenerator)) if (isJsonObject(gen)) addGenerator(current, gen, values);
    return localReferences(doc).map((ref) => path.resolve(current, ref));
  });
  return [...values];
}

/**
 * Visits the kustomization in `start`, then breadth-first each directory `visit` returns, once each
 * and at most `max` of them; `visit` returning undefined stops the walk.
 */
export function walkKustomizations(start: string, max: number, visit: (dir: string, doc: Record<string, JsonValue>) => string[] | undefined): void {
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length > 0 && seen.size < max) {
    const current = queue.shift() ?? '';
    if (seen.has(current)) continue;
    seen.add(current);
    const doc = readKustomization(current);
    if (!doc) continue;
    const next = visit(current, doc);
    if (!next) return;
    queue.push(...next);
  }
}

/** The local entries of `resources`, `components` and `bases`, as written (remote ones are left out). */
export function localReferences(doc: Record<string, JsonValue>): string[] {
  return [...listOf(doc.resources), ...listOf(doc.components), ...listOf(doc.bases)].filter(
    (ref): ref is string => typeof ref === 'string' && isLocalPath(ref),
  );
}

function addGenerator(dir: string, gen: Record<string, JsonValue>, out: Set<string>): void {
  for (const literal of listOf(gen.literals)) if (typeof literal === 'string') addAssignment(literal, out);
  const envFiles = [...listOf(gen.envs), ...(typeof gen.env === 'string' ? [gen.env] : [])];
  for (const file of envFiles) {
    const text = typeof file === 'string' ? readSmallFile(path.resolve(dir, file)) : undefined;
    for (const line of (text ?? '').split(/\r?\n/)) if (line.trim() !== '' && !line.trim().startsWith('#')) addAssignment(line, out);
  }
  for (const entry of listOf(gen.files)) {
    if (typeof entry !== 'string') continue;
    const eq = entry.indexOf('=');
    const text = readSmallFile(path.resolve(dir, eq >= 0 ? entry.slice(eq + 1) : entry));
    if (text === undefined) continue;
    add(text.trim(), out);
    for (const line of text.split(/\r?\n/)) add(line.trim(), out);
  }
}

/** `key=value` (or a typo of it): the whole text, the value, and whatever follows the first separator. */
function addAssignment(text: string, out: Set<string>): void {
  const trimmed = text.trim();
  add(trimmed, out);
  const eq = trimmed.indexOf('=');
  if (eq >= 0) add(trimmed.slice(eq + 1).trim(), out);
  const sep = /[\s:]+/.exec(trimmed);
  if (sep) add(trimmed.slice(sep.index + sep[0].length).trim(), out);
}

function add(value: string, out: Set<string>): void {
  if (value !== '') out.add(value);
}

function readKustomization(dir: string): Record<string, JsonValue> | undefined {
  for (const name of KUSTOMIZATION_FILES) {
    const text = readSmallFile(path.join(dir, name));
    if (text === undefined) continue;
    try {
      const doc = load(text) as JsonValue;
      return isJsonObject(doc) ? doc : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** A regular file's text, or undefined when it is missing, not a regular file, or too large. */
function readSmallFile(file: string): string | undefined {
  try {
    const stat = statSync(file);
    return stat.isFile() && stat.size <= MAX_FILE_BYTES ? readFileSync(file, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

/** Not a remote resource (a URL, a git repository, a `?ref=`). */
function isLocalPath(ref: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:\/\/|^git@|^github\.com\/|\?ref=|\/\/\//i.test(ref);
}

function listOf(value: JsonValue | undefined): JsonValue[] {
  return Array.isArray(value) ? value : [];
}
