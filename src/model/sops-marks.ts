// An object loaded from a SOPS-encrypted file carries annotations that say so, on the cluster too:
// every plan, drift check and prune after it (a live object with no manifest left) hides the values
// of the fields named there, whatever its kind, as it hides a Secret's data.
import { getAnnotation, isJsonObject, type JsonObject, type KubeObject } from '../objects/kube-object.js';

/** The top-level fields that were encrypted, comma-separated (`data,stringData`). */
export const SOPS_ENCRYPTED_ANNOTATION = 'kube-gitops.io/sops-encrypted';
/** A digest of the ciphertext it was decrypted from: what a plan without the key compares. */
const SOPS_CIPHERTEXT_ANNOTATION = 'kube-gitops.io/sops-ciphertext';
/** Only in memory, on an object that could not be decrypted here: never applied (apply refuses it). */
const SOPS_UNDECRYPTED_ANNOTATION = 'kube-gitops.io/sops-undecrypted';

/** What a value that could not be decrypted shows in a plan. */
export const ENCRYPTED_MARKER = '(encrypted: cannot be decrypted here)';

export interface SopsMark {
  fields: readonly string[];
  digest: string;
  undecrypted: boolean;
}

/** The document with the annotations of `mark` added (a copy; its own annotations kept); one without metadata is left as it is. */
export function withSopsMark(doc: JsonObject, mark: SopsMark): JsonObject {
  const metadata = doc.metadata;
  if (!isJsonObject(metadata)) return doc;
  const annotations: JsonObject = {
    ...(isJsonObject(metadata.annotations) ? metadata.annotations : {}),
    [SOPS_ENCRYPTED_ANNOTATION]: mark.fields.join(','),
    [SOPS_CIPHERTEXT_ANNOTATION]: mark.digest,
    ...(mark.undecrypted ? { [SOPS_UNDECRYPTED_ANNOTATION]: 'true' } : {}),
  };
  return { ...doc, metadata: { ...metadata, annotations } };
}

/** The fields an object says were encrypted; empty when it came from no SOPS file. */
export function sopsFields(obj: KubeObject | undefined): string[] {
  const value = obj ? getAnnotation(obj, SOPS_ENCRYPTED_ANNOTATION) : undefined;
  return value ? value.split(',').filter((f) => f !== '') : [];
}

export function isUndecrypted(obj: KubeObject | undefined): boolean {
  return obj !== undefined && getAnnotation(obj, SOPS_UNDECRYPTED_ANNOTATION) === 'true';
}

export function ciphertextOf(obj: KubeObject | undefined): string | undefined {
  return obj ? getAnnotation(obj, SOPS_CIPHERTEXT_ANNOTATION) : undefined;
}
