// Files a walk meets that are clearly not Kubernetes manifests (a workflow under .github/, a
// compose file, mkdocs.yml) are skipped, with one notice naming them, so that the default `path: .`
// loads a repository as it is. The rule, and what keeps it from hiding a manifest:
// - only plain files found by walking a directory or by a glob; a file a `path` entry names itself,
//   a kustomization, a tool's output and a Helm chart's files are never skipped;
// - only when the file parsed without a problem and NONE of its documents is a mapping with an
//   `apiVersion`, a `kind` or a `metadata` key: a half-written or half-manifest file stays an error at
//   file:line. No path is special: a manifest under any `.github/` directory is loaded;
// - a SOPS file is never skipped (SOPS encrypts values, never keys, and is judged as a manifest);
// - the skipped files stay in the read set (their text decided that they hold nothing);
// - a `path` entry whose every file was skipped is the "matches no manifest" problem: skipping never
//   turns an entry into an empty desired state, which would prune.
import type { Problem } from '../model/problem.js';
import { isJsonObject } from '../objects/kube-object.js';
import type { ParsedSource } from './sources/manifest-source.js';
import { PLAIN_FILE_KIND } from './sources/registry.js';
import type { ParsedDocument } from './yaml-documents.js';

/** A `path` entry that met nothing but files found by walking, with their real paths. */
export interface WalkedEntry {
  entry: string;
  realPaths: string[];
}

/** The keys any Kubernetes object (or List) has one of; a document with none is not one. */
const OBJECT_KEYS = ['apiVersion', 'kind', 'metadata'];

/** How many skipped files the notice names before it counts the rest. */
const NAMED_IN_NOTICE = 5;

/** Whether a document could be meant as a Kubernetes object (it has one of their keys, whatever its value). */
export function looksLikeAnObject(doc: ParsedDocument): boolean {
  const value: unknown = doc.value;
  return isJsonObject(value ?? null) && OBJECT_KEYS.some((k) => Object.hasOwn(value as object, k));
}

/** Whether a parsed source is a walked plain file, read cleanly, none of whose documents looks like an object. */
export function isClearlyNotAManifest(p: ParsedSource): boolean {
  if (p.found.kind !== PLAIN_FILE_KIND || p.found.named || p.sops || p.built === undefined || p.built.output) return false;
  return p.problems.length === 0 && p.documents.length > 0 && !p.documents.some(looksLikeAnObject);
}

/** The sources to read on, and those skipped, each in the order given. */
export function skipNonManifests(parsed: readonly ParsedSource[]): { kept: ParsedSource[]; skipped: ParsedSource[] } {
  const skipped = new Set(parsed.filter(isClearlyNotAManifest));
  return { kept: parsed.filter((p) => !skipped.has(p)), skipped: [...skipped] };
}

/** The one notice for the log, or undefined when nothing was skipped. */
export function skippedNotice(skipped: readonly ParsedSource[]): string | undefined {
  if (skipped.length === 0) return undefined;
  const files = skipped.map((p) => p.found.relPath);
  const named = files.slice(0, NAMED_IN_NOTICE).join(', ');
  const more = files.length > NAMED_IN_NOTICE ? `, … (${files.length - NAMED_IN_NOTICE} more)` : '';
  const count = files.length === 1 ? '1 file that holds' : `${files.length} files that hold`;
  return `Skipped ${count} no Kubernetes object (no document with apiVersion, kind or metadata): ${named}${more}; name a file in \`path\` to load it anyway`;
}

/** A problem for each entry that met only walked files and saw them all skipped. */
export function entriesLeftEmpty(entries: readonly WalkedEntry[], kept: readonly ParsedSource[], skipped: readonly ParsedSource[]): Problem[] {
  const keptPaths = new Set(kept.map((p) => p.found.realPath));
  const skippedPaths = new Set(skipped.map((p) => p.found.realPath));
  return entries
    .filter((e) => !e.realPaths.some((r) => keptPaths.has(r)) && e.realPaths.some((r) => skippedPaths.has(r)))
    .map(({ entry }) => ({
      message: `path '${entry}' matches no manifest: every file it reaches holds no Kubernetes object (no document with apiVersion, kind or metadata) and was skipped; an empty desired state is never inferred from a path that holds no manifest`,
      code: 'path-matches-nothing',
      pathEntry: entry,
    }));
}
