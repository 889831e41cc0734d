// kustomize's `config.kubernetes.io/origin` annotation → the object's source: the file that
// defines it (a resource file, or the kustomization whose generator made it) and the line of its
// document there. The annotation is always removed: it is never applied nor shown in a diff. An
// origin outside the workspace, remote, or unreadable leaves the source at the kustomization file.
import path from 'node:path';
import { load } from 'js-yaml';
import type { DesiredObject } from '../../../objects/desired-object.js';
import { isJsonObject, type JsonValue, type KubeObject } from '../../../objects/kube-object.js';
import { readManifestFile } from '../../manifest-file.js';
import { parseDocuments, type ParsedDocument } from '../../yaml-documents.js';
import { openWorkspace, realRelative, resolveInWorkspace, type Workspace } from '../../workspace-boundary.js';
import type { SourceLocation } from '../../../objects/source-location.js';

export const ORIGIN_ANNOTATION = 'config.kubernetes.io/origin';
/** A kustomize origin is a few short lines; anything longer is not read. */
const MAX_ORIGIN_CHARS = 4096;
const GENERATOR_KEYS: Record<string, string> = {
  ConfigMapGenerator: 'configMapGenerator',
  SecretGenerator: 'secretGenerator',
  HelmChartInflationGenerator: 'helmCharts',
};

interface Origin {
  file: string;
  /** For a generated object: the kustomization key of its generator. */
  generatorKey?: string;
}

/** Sets each object's source from its origin and strips the annotation; `originRoot` is what the origins are relative to. */
export async function placeByOrigin(objects: readonly DesiredObject[], workspace: string, originRoot: string | undefined): Promise<DesiredObject[]> {
  const ws = await openWorkspace(workspace);
  const files = new Map<string, Promise<{ lines: string[]; documents: ParsedDocument[] } | undefined>>();
  return Promise.all(
    objects.map(async (d) => {
      const origin = takeOrigin(d.object);
      if (!origin || originRoot === undefined) return d;
      const resolved = await resolveInWorkspace(ws, path.resolve(originRoot, origin.file));
      if (!('inside' in resolved) || !resolved.inside.info.isFile()) return d;
      const real = resolved.inside.real;
      if (!files.has(real)) files.set(real, readDocuments(ws, real));
      const read = await files.get(real);
      const source: SourceLocation = { ...d.source, file: realRelative(ws, real), line: read ? lineOf(d.object, origin, read.lines, read.documents) : 1 };
      return { object: d.object, source };
    }),
  );
}

/** Removes the origin annotation (and an annotations map it leaves empty); returns the origin it named. */
function takeOrigin(object: KubeObject): Origin | undefined {
  const annotations = object.metadata.annotations;
  if (!isJsonObject(annotations) || !(ORIGIN_ANNOTATION in annotations)) return undefined;
  const value = annotations[ORIGIN_ANNOTATION];
  delete annotations[ORIGIN_ANNOTATION];
  if (Object.keys(annotations).length === 0) delete object.metadata.annotations;
  return typeof value === 'string' && value.length <= MAX_ORIGIN_CHARS ? parseOrigin(value) : undefined;
}

function parseOrigin(text: string): Origin | undefined {
  let doc: unknown;
  try {
    doc = load(text);
  } catch {
    return undefined;
  }
  if (!isJsonObject(doc) || doc.repo !== undefined) return undefined;
  if (typeof doc.path === 'string') return { file: doc.path };
  if (typeof doc.configuredIn !== 'string') return undefined;
  const by = isJsonObject(doc.configuredBy) && typeof doc.configuredBy.kind === 'string' ? GENERATOR_KEYS[doc.configuredBy.kind] : undefined;
  return { file: doc.configuredIn, ...(by ? { generatorKey: by } : {}) };
}

async function readDocuments(ws: Workspace, real: string): Promise<{ lines: string[]; documents: ParsedDocument[] } | undefined> {
  const read = await readManifestFile(real);
  if (!('text' in read)) return undefined;
  return { lines: read.text.split(/\r?\n/), documents: parseDocuments(realRelative(ws, real), read.text).documents };
}

/** The generator's key line, or the document of the same kind whose name the built name holds (prefixes and suffixes added). */
function lineOf(object: KubeObject, origin: Origin, lines: readonly string[], documents: readonly ParsedDocument[]): number {
  if (origin.generatorKey) {
    const key = lines.findIndex((l) => l.startsWith(`${origin.generatorKey}:`));
    return key >= 0 ? key + 1 : 1;
  }
  const sameKind = documents.filter((doc) => isJsonObject(doc.value) && doc.value.kind === object.kind);
  const named = sameKind
    .map((doc) => ({ doc, name: nameOf(doc.value) }))
    .filter((c) => c.name !== '' && object.metadata.name.includes(c.name))
    .sort((a, b) => b.name.length - a.name.length);
  return (named[0]?.doc ?? (sameKind.length === 1 ? sameKind[0] : undefined) ?? documents[0])?.line ?? 1;
}

function nameOf(value: unknown): string {
  if (!isJsonObject(value) || !isJsonObject(value.metadata)) return '';
  const name: JsonValue | undefined = value.metadata.name;
  return typeof name === 'string' ? name : '';
}
