// Masking as one explicit step: Secret data becomes change markers, and every Secret value copied
// elsewhere is hidden, by place in objects and as free text in messages (the rule: public-text.ts).
// Identities are never hidden: an entry's ref is what the reports show.
import type { KubeObject } from '../objects/kube-object.js';
import { publicTexts } from '../redaction/public-text.js';
import type { SecretRedactor } from '../redaction/secret-redactor.js';
import { isSopsEntry, maskSopsPair, noteUndecrypted } from './sops-mask.js';
import { sopsFields } from '../model/sops-marks.js';
import { isSecret, maskSecretPair, secretValues } from './mask-secrets.js';
import type { Plan } from '../model/plan.js';

/**
 * Registers the values of every Secret among `objects` with the redactor, and the public text of
 * every object (its keys, identities and labels), which free text keeps readable. Call it as soon as objects are read.
 */
export function registerSecrets(objects: Iterable<KubeObject | undefined>, redactor: SecretRedactor): void {
  for (const obj of objects) {
    if (!obj) continue;
    redactor.addPublicOf(obj, () => publicTexts(publicPart(obj)));
    if (isSecret(obj)) redactor.add(secretValues(obj));
  }
}

/**
 * Masks a plan in place: Secret data becomes change markers, and any Secret value found
 * anywhere else (other kinds, annotation values, notes, conflicts, problems, warnings) is replaced.
 * The values are registered with the run's redactor, so later stages (apply logs, reports,
 * every output) mask the same values.
 */
export function maskPlan(plan: Plan, sources: readonly KubeObject[], redactor: SecretRedactor): void {
  registerSecrets(sources, redactor);
  registerSecrets(
    plan.entries.flatMap((e) => [e.before, e.after, e.written]),
    redactor,
  );
  for (const e of plan.entries) {
    const sops = isSopsEntry(e);
    if (sops || (e.ref.kind === 'Secret' && e.ref.group === '')) {
      const pair = sops ? maskSopsPair : maskSecretPair;
      if (e.written) e.written = pair(e.before, e.written)[1];
      const [before, after] = pair(e.before, e.after);
      if (before) e.before = before;
      if (after) e.after = after;
    }
    const same = e.before === e.after;
    if (e.before) e.before = redactor.redact(e.before);
    if (e.after) e.after = same ? e.before : redactor.redact(e.after);
    if (e.written) e.written = redactor.redact(e.written);
    e.notes = e.notes.map((n) => redactor.redactString(n));
    e.conflicts = e.conflicts.map((c) => ({ manager: redactor.redactString(c.manager), field: redactor.redactString(c.field) }));
    if (e.changedBy) e.changedBy = e.changedBy.map((w) => ({ ...w, manager: redactor.redactString(w.manager) }));
  }
  for (const p of plan.problems) p.message = redactor.redactString(p.message);
  noteUndecrypted(plan);
  plan.warnings = plan.warnings.map((w) => redactor.redactString(w));
}

/**
 * The part of an object whose public texts count: without the fields a SOPS file had encrypted (what
 * was decrypted is never public), and without `metadata.managedFields`, the server's record of who
 * owns each field. Its keys (`f:spec`, `k:{"name":"app"}`, `v:"x"`) repeat the object's own keys and
 * quote values from lists, which are not public, so leaving them out hides more, never less; and a
 * live object holds hundreds of them.
 */
function publicPart(obj: KubeObject): KubeObject {
  const fields = sopsFields(obj);
  const managed = Object.hasOwn(obj.metadata, 'managedFields');
  if (fields.length === 0 && !managed) return obj;
  const out: KubeObject = { ...obj };
  for (const f of fields) delete out[f];
  if (managed) {
    const { managedFields: _managed, ...metadata } = obj.metadata;
    out.metadata = metadata;
  }
  return out;
}
