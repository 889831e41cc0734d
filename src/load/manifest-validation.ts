// Turns parsed documents into DesiredObjects: narrowing unknown input, expanding Lists, refusing
// what cannot be managed declaratively, and dropping server-populated fields with a warning.
import type { Problem } from '../model/problem.js';
import type { Logger } from '../model/logger.js';
import type { DesiredObject } from '../objects/desired-object.js';
import { isJsonObject, type JsonObject, type KubeObject } from '../objects/kube-object.js';
import { formatRef, refOf } from '../objects/object-ref.js';
import type { SourceLocation } from '../objects/source-location.js';

const SERVER_METADATA = ['resourceVersion', 'uid', 'creationTimestamp', 'managedFields', 'selfLink', 'generation'];

function describe(doc: JsonObject): string {
  const kind = typeof doc.kind === 'string' ? doc.kind : 'object';
  const meta = isJsonObject(doc.metadata ?? null) ? (doc.metadata as JsonObject) : {};
  const name = typeof meta.name === 'string' ? `/${meta.name}` : '';
  return `${kind}${name}`;
}

function isList(doc: JsonObject): boolean {
  return typeof doc.kind === 'string' && doc.kind.endsWith('List') && Array.isArray(doc.items);
}

/** Checks one document (expanding Lists) and returns the objects it holds. */
export function toObjects(value: unknown, source: SourceLocation, problems: Problem[], logger: Logger, itemLines?: (index: number) => number): DesiredObject[] {
  const location: SourceLocation = { file: source.file, line: source.line };
  if (!isJsonObject(value ?? null)) {
    problems.push({
      message: `the document is ${Array.isArray(value) ? 'a list' : `a ${typeof value}`}, not a Kubernetes object (a mapping with apiVersion, kind and metadata)`,
      source: location,
    });
    return [];
  }
  const doc = value as JsonObject;
  if (isList(doc)) {
    return (doc.items as unknown[]).flatMap((item, i) => toObjects(item, { ...source, line: itemLines?.(i) ?? source.line }, problems, logger));
  }
  const missing = ['apiVersion', 'kind'].filter((k) => typeof doc[k] !== 'string' || doc[k] === '');
  const meta = doc.metadata;
  if (!isJsonObject(meta ?? null)) missing.push('metadata');
  if (missing.length > 0) {
    problems.push({ message: `${describe(doc)}: missing or not a string: ${missing.join(', ')}`, source: location });
    return [];
  }
  const metadata = meta as JsonObject;
  if (typeof metadata.name !== 'string' || metadata.name === '') {
    problems.push({
      message:
        typeof metadata.generateName === 'string'
          ? `${doc.kind as string} has metadata.generateName '${metadata.generateName}' but no metadata.name: an object with a generated name cannot be managed declaratively (every apply would create a new one); give it a name`
          : `${doc.kind as string}: metadata.name is missing`,
      source: location,
    });
    return [];
  }
  if (metadata.namespace !== undefined && typeof metadata.namespace !== 'string') {
    problems.push({ message: `${describe(doc)}: metadata.namespace must be a string`, source: location });
    return [];
  }
  const object = doc as KubeObject;
  const dropped = [...(object.status !== undefined ? ['status'] : []), ...SERVER_METADATA.filter((k) => k in object.metadata).map((k) => `metadata.${k}`)];
  if (dropped.length > 0) {
    delete object.status;
    for (const k of SERVER_METADATA) delete object.metadata[k];
    logger.warning(
      `${formatRef(refOf(object))}: dropped server-populated fields (${dropped.join(', ')}); it looks like it was copied from a live cluster`,
      location,
    );
  }
  return [{ object, source }];
}
