import type { KubeObject } from '../objects/kube-object.js';
import type { ObjectRef } from '../objects/object-ref.js';
import { NAME_HIDDEN, type SecretRedactor } from '../redaction/secret-redactor.js';
import { isSopsEntry, maskSopsPair, noteUndecrypted } from '../sops/sops-mask.js';
import { isSecret, maskSecretPair, secretValues } from './mask-secrets.js';
import type { Plan, ShownIdentity } from './plan.js';

/** Registers the values of every Secret among `objects` with the redactor (call it as soon as objects are read). */
export function registerSecrets(objects: Iterable<KubeObject | undefined>, redactor: SecretRedactor): void {
  for (const obj of objects) if (obj && isSecret(obj)) redactor.add(secretValues(obj));
}

/**
 * Masks a plan in place: Secret data becomes change markers, and any Secret value found
 * anywhere else (other kinds, map keys, annotations, notes, conflicts, problems, warnings) is replaced; a name or
 * namespace that would reveal one is shown as `(name hidden)` (`ref` itself is kept for apply and
 * prune). The values are registered with the run's redactor, so later stages (apply logs, reports,
 * every output) mask the same values.
 */
export function maskPlan(plan: Plan, sources: readonly KubeObject[], redactor: SecretRedactor): void {
  registerSecrets(sources, redactor);
  registerSecrets(
    plan.entries.flatMap((e) => [e.before, e.after]),
    redactor,
  );
  for (const e of plan.entries) {
    const sops = isSopsEntry(e);
    if (sops || (e.ref.kind === 'Secret' && e.ref.group === '')) {
      const [before, after] = sops ? maskSopsPair(e.before, e.after) : maskSecretPair(e.before, e.after);
      if (before) e.before = before;
      if (after) e.after = after;
    }
    const same = e.before === e.after;
    if (e.before) e.before = redactor.redact(e.before);
    if (e.after) e.after = same ? e.before : redactor.redact(e.after);
    e.notes = e.notes.map((n) => redactor.redactString(n));
    e.conflicts = e.conflicts.map((c) => ({ manager: redactor.redactString(c.manager), field: redactor.redactString(c.field) }));
    if (e.changedBy) e.changedBy = e.changedBy.map((w) => ({ ...w, manager: redactor.redactString(w.manager) }));
    const shown = shownIdentity(e.ref, redactor);
    if (shown) e.display = shown;
  }
  for (const p of plan.problems) {
    p.message = redactor.redactString(p.message);
    const shown = p.ref ? shownIdentity(p.ref, redactor) : undefined;
    if (p.ref && shown) p.ref = { ...p.ref, ...shown };
  }
  noteUndecrypted(plan);
  plan.warnings = plan.warnings.map((w) => redactor.redactString(w));
}

/** The identity to show when the name or namespace would reveal a value; undefined when both can be shown. */
function shownIdentity(ref: ObjectRef, redactor: SecretRedactor): ShownIdentity | undefined {
  const reveals = (s: string | undefined) => s !== undefined && redactor.redactString(s) !== s;
  if (!reveals(ref.name) && !reveals(ref.namespace)) return undefined;
  const namespace = ref.namespace === undefined ? {} : { namespace: reveals(ref.namespace) ? NAME_HIDDEN : ref.namespace };
  return { name: reveals(ref.name) ? NAME_HIDDEN : ref.name, ...namespace };
}
