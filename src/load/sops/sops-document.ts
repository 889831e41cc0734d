// What a SOPS-encrypted document looks like: a top-level `sops:` mapping (sops keeps one in every
// document of a multi-document YAML file, and one MAC over the whole file), and values written as
// `ENC[AES256_GCM,…]`. apiVersion, kind and metadata must stay plain (as Flux requires, with
// `--encrypted-regex '^(data|stringData)$'`): the object is named, ordered and owned by them.
import { createHash } from 'node:crypto';
import { isJsonObject, type JsonObject, type JsonValue } from '../../objects/kube-object.js';

export const SOPS_METADATA_KEY = 'sops';
const ENCRYPTED_VALUE = /^ENC\[AES256_GCM,/;
/** The fields that name and place an object: never encrypted. */
export const PLAIN_FIELDS: readonly string[] = ['apiVersion', 'kind', 'metadata'];

/** One path from the document's root to a value, map keys and list indexes. */
export type ValuePath = readonly (string | number)[];

export function hasSopsMetadata(value: unknown): value is JsonObject {
  return isJsonObject(value) && Object.hasOwn(value, SOPS_METADATA_KEY);
}

export function isEncryptedValue(value: unknown): boolean {
  return typeof value === 'string' && ENCRYPTED_VALUE.test(value);
}

/** The document without its `sops:` mapping. */
export function withoutSopsMetadata(doc: JsonObject): JsonObject {
  const { [SOPS_METADATA_KEY]: _metadata, ...rest } = doc;
  return rest;
}

/** The path of every encrypted value, outside the `sops:` mapping. */
export function encryptedPaths(doc: JsonObject): ValuePath[] {
  const out: ValuePath[] = [];
  const walk = (value: JsonValue, at: ValuePath) => {
    if (isEncryptedValue(value)) out.push(at);
    else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...at, i]));
    else if (isJsonObject(value)) for (const [k, v] of Object.entries(value)) walk(v, [...at, k]);
  };
  walk(withoutSopsMetadata(doc), []);
  return out;
}

/** Does any value of `value` hold SOPS ciphertext? (encryptedPaths without building a path for each value.) */
export function holdsEncryptedValue(value: JsonValue): boolean {
  if (typeof value === 'string') return isEncryptedValue(value);
  if (Array.isArray(value)) return value.some(holdsEncryptedValue);
  if (isJsonObject(value)) {
    for (const v of Object.values(value)) if (holdsEncryptedValue(v)) return true;
  }
  return false;
}

/** The value at `path`, or undefined. */
export function valueAt(doc: JsonValue, path: ValuePath): JsonValue | undefined {
  let here: JsonValue | undefined = doc;
  for (const step of path) {
    if (typeof step === 'number') here = Array.isArray(here) ? here[step] : undefined;
    else here = isJsonObject(here) ? here[step] : undefined;
    if (here === undefined) return undefined;
  }
  return here;
}

/** `metadata.annotations.x`, `spec.items[0]`. */
export function formatPath(path: ValuePath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** The top-level fields that hold encrypted values, in document order. */
export function encryptedFields(paths: readonly ValuePath[]): string[] {
  return [...new Set(paths.flatMap((p) => (typeof p[0] === 'string' ? [p[0]] : [])))];
}

/** A digest of the document's ciphertext (the `sops:` mapping aside): the same file encrypted again differs. */
export function ciphertextDigest(doc: JsonObject): string {
  return `sha256:${createHash('sha256')
    .update(canonicalJson(withoutSopsMetadata(doc)))
    .digest('hex')
    .slice(0, 16)}`;
}

function canonicalJson(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isJsonObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k] ?? null)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
