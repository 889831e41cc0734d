import type { KubeObject } from '../objects/kube-object.js';
import type { SecretRedactor } from '../redaction/secret-redactor.js';
import { isSecret, maskSecretPair, secretValues } from './mask-secrets.js';
import type { Plan } from './plan.js';

/**
 * Masks a plan in place: Secret data becomes change markers, and any Secret value found
 * anywhere else (other kinds, annotations, messages) is replaced. The values are registered with
 * the run's redactor, so later stages (apply logs, reports, every output) mask the same values.
 */
export function maskPlan(plan: Plan, sources: readonly KubeObject[], redactor: SecretRedactor): void {
  for (const obj of sources) if (isSecret(obj)) redactor.add(secretValues(obj));
  for (const e of plan.entries) {
    for (const side of [e.before, e.after]) if (side && isSecret(side)) redactor.add(secretValues(side));
  }
  for (const e of plan.entries) {
    if (e.ref.kind === 'Secret' && e.ref.group === '') {
      const [before, after] = maskSecretPair(e.before, e.after);
      if (before) e.before = before;
      if (after) e.after = after;
    }
    if (e.before) e.before = redactor.redact(e.before);
    if (e.after) e.after = redactor.redact(e.after);
    e.notes = e.notes.map((n) => redactor.redactString(n));
  }
  for (const p of plan.problems) p.message = redactor.redactString(p.message);
  plan.warnings = plan.warnings.map((w) => redactor.redactString(w));
}
