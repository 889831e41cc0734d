// SOPS ciphertext outside a SOPS file: a document holding `ENC[AES256_GCM,…]` values without a
// `sops:` block is a broken or stripped SOPS file (or kustomize's copy of one), and applying it would
// store the ciphertext as the value. It is a problem at the value's line, never applied.
import { isJsonObject } from '../../objects/kube-object.js';
import type { Problem } from '../../model/problem.js';
import type { ParsedDocument } from '../yaml-documents.js';
import { encryptedPaths, formatPath, hasSopsMetadata, holdsEncryptedValue } from './sops-document.js';

const CIPHERTEXT_MARK = 'ENC[AES256_GCM,';

export interface StrayCiphertextSource {
  /** The file as messages show it. */
  file: string;
  documents: readonly ParsedDocument[];
  /** The file's lines, to point at the value; empty for a tool's output (the document's line is named). */
  lines: readonly string[];
  /** For a tool's output: what made it (`the output of kustomize build of 'app'`), named in the message. */
  producedBy?: string;
}

/** One problem per document that holds SOPS ciphertext and no `sops:` block. */
export function strayCiphertextProblems(source: StrayCiphertextSource): Problem[] {
  const problems: Problem[] = [];
  for (const doc of source.documents) {
    // Most documents hold none: they are checked without building a path for every value.
    if (!isJsonObject(doc.value) || hasSopsMetadata(doc.value) || !holdsEncryptedValue(doc.value)) continue;
    const [first, ...more] = encryptedPaths(doc.value);
    if (!first) continue;
    const where = source.producedBy ? `${source.producedBy} has` : 'the document has';
    const others = more.length > 0 ? ` (and ${more.length} more)` : '';
    problems.push({
      message:
        `${where} a SOPS-encrypted value (ENC[AES256_GCM,…]) at ${formatPath(first)}${others} but no sops: block, so nothing can decrypt it and the ciphertext would be applied as the value; ` +
        'this is a broken or stripped SOPS file: encrypt the plain file again with sops, or restore it from git with its sops: metadata',
      source: { file: source.file, line: valueLine(source.lines, doc.line) },
    });
  }
  return problems;
}

/** The first line at or after the document's that holds ciphertext; the document's line when there is none. */
function valueLine(lines: readonly string[], from: number): number {
  for (let i = from - 1; i < lines.length; i++) if (lines[i]?.includes(CIPHERTEXT_MARK)) return i + 1;
  return from;
}
