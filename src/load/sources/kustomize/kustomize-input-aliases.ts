// kustomize expands YAML aliases itself, with no limit worth the name: a "billion laughs" patch or
// resource keeps it busy for minutes. So before kustomize runs, every YAML file a build reads (each
// kustomization file it reaches, its resource files, patches, replacements, configurations, values
// files..., and the patches written inside a kustomization file) is parsed here and held to the
// same alias limits as a manifest, together: recursive aliases, nesting, and MAX_ALIAS_NODES for
// the whole build. A file that does not parse is left to kustomize, which reports it; generator
// sources are data, never parsed as YAML by kustomize.
import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { isJsonObject, type JsonValue } from '../../../objects/kube-object.js';
import { namedInputs } from './kustomization-inputs.js';
import { KUSTOMIZATION_FILES, localReferences, walkKustomizations } from './kustomize-secrets.js';
import { MAX_ALIAS_NODES, MAX_MANIFEST_BYTES } from '../../manifest-limits.js';
import { aliasBudgetMessage, parseDocuments } from '../../yaml-documents.js';
import type { SourceLocation } from '../../../objects/source-location.js';

const MAX_KUSTOMIZATIONS = 500;
const DATA_ROLE = "a generator's source";

export interface InputAliasProblem {
  message: string;
  source: SourceLocation;
}

/**
 * The first problem with the aliases of the YAML files the build of `absDir` reads, at its file:line.
 * Files are shown relative to `shownFrom` (the workspace), and only files inside it are read.
 */
export function inputAliasProblem(absDir: string, shownFrom: string): InputAliasProblem | undefined {
  let found: InputAliasProblem | undefined;
  let total = 0;
  const root = realpathSync(shownFrom);
  /** `text` shown as `shown`, its first line at line `offset + 1` there. */
  const check = (text: string, shown: string, what: string, offset = 0): boolean => {
    const parsed = parseDocuments(shown, text);
    const first = parsed.aliasProblems[0];
    if (first?.source) {
      found = { message: `${what}: ${first.message}; kustomize was not run`, source: { file: shown, line: first.source.line + offset } };
      return false;
    }
    for (const doc of parsed.documents) {
      total += doc.aliasNodes;
      if (total <= MAX_ALIAS_NODES) continue;
      found = {
        message: `${what}: ${aliasBudgetMessage(doc.aliasNodes, total, 'run')}; kustomize was not run`,
        source: { file: shown, line: doc.line + offset },
      };
      return false;
    }
    return true;
  };
  walkKustomizations(absDir, MAX_KUSTOMIZATIONS, (dir, doc) => {
    const of = `of the kustomization '${path.relative(shownFrom, dir) || '.'}'`;
    for (const { file, role } of inputFiles(dir, doc)) {
      const text = readInputFile(file, root);
      if (text !== undefined && !check(text, path.relative(shownFrom, file) || file, `${role} ${of}`)) return undefined;
    }
    const own = KUSTOMIZATION_FILES.map((f) => path.join(dir, f)).find((f) => readInputFile(f, root) !== undefined);
    const lines = own ? (readInputFile(own, root) ?? '').split(/\r?\n/) : [];
    for (const patch of inlinePatches(doc)) {
      const offset = Math.max(
        0,
        lines.findIndex((l) => l.includes(patch.trim().split('\n')[0] ?? '')),
      );
      if (own && !check(patch, path.relative(shownFrom, own), `an inline patch ${of}`, offset)) return undefined;
    }
    return localReferences(doc).map((ref) => path.resolve(dir, ref));
  });
  return found;
}

/** The kustomization file itself and the YAML files it names (generator sources are data, left out). */
function inputFiles(dir: string, doc: Record<string, JsonValue>): { file: string; role: string }[] {
  const named = namedInputs(doc);
  return [
    ...KUSTOMIZATION_FILES.map((f) => ({ file: path.join(dir, f), role: 'the kustomization file' })),
    ...named.resources.map((r) => ({ file: path.resolve(dir, r), role: 'a resource' })),
    ...named.inputs.filter((i) => i.role !== DATA_ROLE).map((i) => ({ file: path.resolve(dir, i.entry), role: i.role })),
  ];
}

/** Patches written inside the kustomization (`patches[].patch`, `patchesJson6902[].patch`, multi-line `patchesStrategicMerge` entries): kustomize parses them too. */
function inlinePatches(doc: Record<string, JsonValue>): string[] {
  const list = (v: JsonValue | undefined): JsonValue[] => (Array.isArray(v) ? v : []);
  return [
    ...[...list(doc.patches), ...list(doc.patchesJson6902)].map((p) => (isJsonObject(p) ? p.patch : undefined)),
    ...list(doc.patchesStrategicMerge),
  ].filter((p): p is string => typeof p === 'string' && p.includes('\n'));
}

/**
 * A regular file's text, or undefined when it is missing, a directory, over the manifest limit or
 * outside `root` (kustomize reports those, or refuses files outside its root).
 */
export function readInputFile(file: string, root: string): string | undefined {
  try {
    const real = realpathSync(file);
    const rel = path.relative(root, real);
    if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
    const stat = statSync(real);
    return stat.isFile() && stat.size <= MAX_MANIFEST_BYTES ? readFileSync(real, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}
