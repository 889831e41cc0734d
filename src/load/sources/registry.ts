// The source kinds the loader knows, in the order it asks them. Adding one (Jsonnet, cdk8s output)
// is a folder beside these with a ManifestSource (manifest-source.ts) and one line in this list.
import { fileSource } from './files/file-source.js';
import { helmSource } from './helm/helm-source.js';
import { kustomizeSource } from './kustomize/kustomize-source.js';
import type { FoundSourceKind, ManifestSource } from './manifest-source.js';

export const SOURCES: readonly ManifestSource[] = [kustomizeSource, fileSource, helmSource];

/** The kind a file no entry claims by its name is read as, when a `path` entry names it itself: plain YAML. */
export const PLAIN_FILE_KIND = fileSource.found;

/** The entry that builds what the path resolver found as `kind`. */
export function sourceFor(kind: string): FoundSourceKind {
  const source = SOURCES.find((s): s is FoundSourceKind => s.found === kind);
  if (!source) throw new Error(`no source kind builds '${kind}'`);
  return source;
}
