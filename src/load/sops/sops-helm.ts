// SOPS and Helm charts. A HelmChart document from a SOPS-encrypted file (its `spec.values` encrypted)
// renders with the decrypted values, so every object it renders may hold one anywhere: they are
// marked as SOPS objects whose every field but their identity is hidden in plans, the drift section
// and the review record. Without the key the chart cannot be rendered at all (its values would be
// ciphertext): that is a problem at the HelmChart document, never a render of `ENC[...]` strings.
// A values file that is itself SOPS-encrypted is refused for the same reason (helm would read ciphertext).
import { readFile } from 'node:fs/promises';
import { load } from 'js-yaml';
import type { DesiredObject } from '../../objects/desired-object.js';
import { isJsonObject, type KubeObject } from '../../objects/kube-object.js';
import { ciphertextOf, isUndecrypted, sopsFields, withSopsMark } from '../../model/sops-marks.js';

const IDENTITY = new Set(['apiVersion', 'kind', 'metadata']);

/** Why this HelmChart document cannot be rendered here, or undefined. */
export function undecryptedChartProblem(chart: DesiredObject): string | undefined {
  if (!isUndecrypted(chart.object)) return undefined;
  return `HelmChart/${chart.object.metadata.name}: its file is SOPS-encrypted and cannot be decrypted here, so the chart cannot be rendered (set the input sops-age-key, or SOPS_AGE_KEY for the CLI)`;
}

/** Whether a values file is SOPS-encrypted (a top-level `sops:` mapping); an unreadable or non-YAML file is left to helm. */
export async function isSopsValuesFile(file: string): Promise<boolean> {
  try {
    const doc = load(await readFile(file, 'utf8'));
    return isJsonObject(doc) && isJsonObject(doc.sops ?? null);
  } catch {
    return false;
  }
}

/** The rendered objects, each marked as a SOPS object when the HelmChart document came from an encrypted file. */
export function markRenderedFromSops(chart: DesiredObject, rendered: DesiredObject[]): DesiredObject[] {
  if (sopsFields(chart.object).length === 0) return rendered;
  const digest = ciphertextOf(chart.object) ?? '';
  return rendered.map((d) => {
    const fields = Object.keys(d.object).filter((k) => !IDENTITY.has(k));
    return { ...d, object: withSopsMark(d.object, { fields, digest, undecrypted: false }) as KubeObject };
  });
}
