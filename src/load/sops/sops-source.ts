// SOPS as a decorator of every source's text: a SOPS-encrypted workspace file is decrypted in
// memory before its documents become objects (or kept encrypted, for a plan to show, when no key
// is here); a tool's output holding one is refused (kustomize copies ciphertext, it does not
// decrypt); ciphertext in anything else that is no SOPS file is a problem (stray-ciphertext.ts).
import type { Logger } from '../../model/logger.js';
import type { Problem } from '../../model/problem.js';
import type { ParsedSource } from '../sources/manifest-source.js';
import { isSopsFile, openSopsFile, undecryptedFile, type SopsOptions } from './sops-file.js';
import { strayCiphertextProblems } from './stray-ciphertext.js';

/** The source with its SOPS file decrypted (or refused); any other source as it is. */
export async function decrypted(p: ParsedSource, sops: SopsOptions | undefined, logger: Logger): Promise<ParsedSource> {
  if (!isSopsFile(p.documents)) return p;
  const line = p.documents[0]?.line ?? 1;
  const output = p.built?.output;
  if (output) {
    const message = `${output.producedBy} holds a SOPS-encrypted document: ${output.sopsRefusal}`;
    return { ...p, documents: [], problems: [...p.problems, { message, source: { file: p.file, line } }] };
  }
  const opened = sops ? await openSopsFile(p.file, p.lines.join('\n'), p.documents, sops) : undecryptedFile(p.documents, 'no decryption was set up');
  if (opened.undecrypted)
    logger.info(`'${p.file}' is encrypted with SOPS and cannot be decrypted here (${opened.undecrypted}): its objects are shown encrypted`);
  return { ...p, documents: opened.documents, problems: [...p.problems, ...opened.problems], sops: true };
}

/** Ciphertext in a source that is no SOPS file: a stripped one, or a tool's copy of one. */
export function strayCiphertext(p: ParsedSource): Problem[] {
  if (p.sops) return [];
  const producedBy = p.built?.output?.producedBy;
  return strayCiphertextProblems({ file: p.file, documents: p.documents, lines: p.lines, ...(producedBy ? { producedBy } : {}) });
}
