// One SOPS-encrypted manifest file → its documents decrypted in memory, each object marked as
// encrypted (sops-marks.ts) and every decrypted value handed to the run's redactor before anything
// else sees it. Without a key (a fork's pull request, a missing secret) the documents come back
// undecrypted, ciphertext kept, for the plan to show; an apply refuses them. A wrong key, a
// tampered file or an encrypted apiVersion/kind/metadata is a problem at the file.
import { Inputs } from '../../model/inputs-outputs.js';
import path from 'node:path';
import { isJsonObject, type JsonObject, type JsonValue } from '../../objects/kube-object.js';
import type { Problem } from '../../model/problem.js';
import { parseDocuments, type ParsedDocument } from '../yaml-documents.js';
import { sopsDecrypt, SopsExit, type SopsFormat } from './sops-cli.js';
import {
  ciphertextDigest,
  encryptedFields,
  encryptedPaths,
  formatPath,
  hasSopsMetadata,
  PLAIN_FIELDS,
  SOPS_METADATA_KEY,
  valueAt,
  withoutSopsMetadata,
  type ValuePath,
} from './sops-document.js';
import { failureMessage, type SopsFailure } from './sops-errors.js';
import { withSopsMark } from '../../model/sops-marks.js';

export interface SopsOptions {
  /** The `sops-age-key` input; absent: only keys the environment gives sops. */
  ageKey?: string;
  /** The environment sops runs in (SOPS_AGE_KEY_FILE, cloud credentials for KMS keys). */
  env: NodeJS.ProcessEnv;
  /** Sees every decrypted value before anything else does (the run registers them with its redactor). */
  onPlaintext: (values: string[]) => void;
  /** Runs sops; the CLI by default (tests may count calls). */
  decrypt?: typeof sopsDecrypt;
}

export interface OpenedFile {
  documents: ParsedDocument[];
  problems: Problem[];
  /** Set when the file could not be decrypted here: why (no key, no sops). */
  undecrypted?: string;
}

/** Whether any document of a file carries SOPS metadata. */
export function isSopsFile(documents: readonly ParsedDocument[]): boolean {
  return documents.some((d) => hasSopsMetadata(d.value));
}

export async function openSopsFile(file: string, text: string, documents: readonly ParsedDocument[], options: SopsOptions): Promise<OpenedFile> {
  const at = (message: string, line = documents[0]?.line ?? 1): OpenedFile => ({
    documents: [],
    problems: [{ message: `'${file}' ${message}`, source: { file, line } }],
  });
  const plainProblem = encryptedIdentity(documents);
  if (plainProblem) return at(plainProblem.message, plainProblem.line);
  const result = await (options.decrypt ?? sopsDecrypt)({
    ciphertext: text,
    format: formatOf(file),
    ...(options.ageKey ? { ageKey: options.ageKey } : {}),
    env: options.env,
  });
  if (!result.ok) {
    const reason = undecryptableReason(result, hasKey(options));
    if (reason) return undecryptedFile(documents, reason);
    return at(failureMessage(result, recipientsOf(documents)));
  }
  const parsed = parseDocuments(file, result.plaintext);
  // Never quote the decrypted text: a parse error would show a piece of it.
  if (parsed.problems.length > 0 || parsed.documents.length !== documents.length)
    return at('was decrypted by sops, but its plain text does not parse as the same documents');
  const opened = parsed.documents.map((d, i) => {
    const encrypted = documents[i];
    const paths = encrypted && isJsonObject(encrypted.value) ? encryptedPaths(encrypted.value) : [];
    const value = d.value;
    if (isJsonObject(value)) options.onPlaintext(paths.flatMap((p) => plainValues(valueAt(value, p))));
    const digest = encrypted && isJsonObject(encrypted.value) ? ciphertextDigest(encrypted.value) : '';
    return { ...d, line: encrypted?.line ?? d.line, value: marked(d.value, paths, digest, false) };
  });
  return { documents: opened, problems: [] };
}

/** The documents as they are, ciphertext kept and marked undecrypted (`reason` says why). */
export function undecryptedFile(documents: readonly ParsedDocument[], reason: string): OpenedFile {
  return { documents: documents.map(undecryptedDocument), problems: [], undecrypted: reason };
}

/** Without a key, sops fails to get the data key; with no sops at all nothing can be decrypted either. */
function undecryptableReason(result: SopsFailure, keyGiven: boolean): string | undefined {
  if (keyGiven) return undefined;
  if (result.missing) return 'the sops CLI is not on PATH and no age key was given';
  return result.exitCode === SopsExit.CouldNotRetrieveKey
    ? `no age key was given (input '${Inputs.SopsAgeKey}') and no other key of the file can be used here`
    : undefined;
}

function hasKey(options: SopsOptions): boolean {
  const env = options.env;
  return Boolean(options.ageKey?.trim() || env.SOPS_AGE_KEY?.trim() || env.SOPS_AGE_KEY_FILE?.trim() || env.SOPS_AGE_KEY_CMD?.trim());
}

/** The first encrypted value that names or places an object (apiVersion, kind, metadata.*). */
function encryptedIdentity(documents: readonly ParsedDocument[]): { message: string; line: number } | undefined {
  for (const d of documents) {
    if (!isJsonObject(d.value)) continue;
    const paths = listAware(d.value, encryptedPaths(d.value)).filter((p) => PLAIN_FIELDS.includes(String(p[0])));
    const [first] = paths;
    if (first) {
      return {
        line: d.line,
        message: `has ${formatPath(first)} encrypted: apiVersion, kind and metadata must stay in plain text, since they name the object before it is decrypted; encrypt only the values, e.g. sops encrypt --encrypted-regex '^(data|stringData)$'`,
      };
    }
  }
  return undefined;
}

/** Paths inside a List's items, relative to each item (an item's metadata is its identity). */
function listAware(doc: JsonObject, paths: ValuePath[]): ValuePath[] {
  if (doc.kind !== 'List' || !Array.isArray(doc.items)) return paths;
  return paths.map((p) => (p[0] === 'items' && typeof p[1] === 'number' ? p.slice(2) : p));
}

function undecryptedDocument(d: ParsedDocument): ParsedDocument {
  if (!isJsonObject(d.value)) return d;
  return { ...d, value: marked(withoutSopsMetadata(d.value), encryptedPaths(d.value), ciphertextDigest(d.value), true) };
}

/** The document (or each item of a List) marked with the fields it had encrypted; plain ones are left as they are. */
function marked(value: unknown, paths: readonly ValuePath[], digest: string, undecrypted: boolean): unknown {
  if (!isJsonObject(value)) return value;
  const doc = withoutMetadataKey(value);
  if (doc.kind === 'List' && Array.isArray(doc.items)) {
    const items = doc.items.map((item, i) =>
      marked(
        item,
        paths.filter((p) => p[0] === 'items' && p[1] === i).map((p) => p.slice(2)),
        digest,
        undecrypted,
      ),
    );
    return { ...doc, items: items as JsonValue[] };
  }
  const fields = encryptedFields(paths);
  return fields.length === 0 ? doc : withSopsMark(doc, { fields, digest, undecrypted });
}

function withoutMetadataKey(doc: JsonObject): JsonObject {
  return Object.hasOwn(doc, SOPS_METADATA_KEY) ? withoutSopsMetadata(doc) : doc;
}

/** A decrypted leaf as text: strings, numbers and booleans sops encrypted. */
function plainValues(value: JsonValue | undefined): string[] {
  if (value === undefined || value === null || typeof value === 'object') return [];
  return [String(value)];
}

function recipientsOf(documents: readonly ParsedDocument[]): string[] {
  const first = documents.find((d) => hasSopsMetadata(d.value))?.value;
  const metadata = isJsonObject(first) ? first[SOPS_METADATA_KEY] : undefined;
  const age = isJsonObject(metadata) && Array.isArray(metadata.age) ? metadata.age : [];
  return age.flatMap((a) => (isJsonObject(a) && typeof a.recipient === 'string' ? [a.recipient] : []));
}

function formatOf(file: string): SopsFormat {
  return path.extname(file).toLowerCase() === '.json' ? 'json' : 'yaml';
}
