// Without cluster access (a fork's pull request gets no secrets, or the cluster is unreachable):
// the deterministic diff of the manifests at the base commit against the head.
import type { DesiredObject } from '../objects/desired-object.js';
import { cloneObject } from '../objects/kube-object.js';
import { compareForApply } from '../objects/kind-order.js';
import { refKey, refOf } from '../objects/object-ref.js';
import { SecretRedactor } from '../redaction/secret-redactor.js';
import { maskPlan } from './mask-plan.js';
import { jsonEqual, normalizeForDiff } from './normalize.js';
import type { Plan, PlanEntry } from './plan.js';

export function planFromManifests(
  base: readonly DesiredObject[], head: readonly DesiredObject[], target: string, commit: string, reason: string, redactor = new SecretRedactor(),
): Plan {
  const baseByKey = new Map(base.map((d) => [refKey(refOf(d.object)), d]));
  const headKeys = new Set<string>();
  const entries: PlanEntry[] = [];
  for (const d of head) {
    const key = refKey(refOf(d.object));
    headKeys.add(key);
    const before = baseByKey.get(key);
    const after = normalizeForDiff(cloneObject(d.object));
    const b = before ? normalizeForDiff(cloneObject(before.object)) : undefined;
    entries.push({ ref: refOf(d.object), source: d.source, action: !b ? 'create' : jsonEqual(b, after) ? 'unchanged' : 'update',
      ...(b ? { before: b } : {}), after, notes: [], conflicts: [] });
  }
  for (const [key, d] of baseByKey) {
    if (headKeys.has(key)) continue;
    entries.push({ ref: refOf(d.object), action: 'delete', before: normalizeForDiff(cloneObject(d.object)), notes: ['Removed from the manifests: a merge prunes it if this target applied it.'], conflicts: [] });
  }
  entries.sort((a, b) => compareForApply(a.ref, b.ref));
  const plan: Plan = { target, commit, basis: 'git', entries, problems: [], warnings: [reason] };
  maskPlan(plan, [...base, ...head].map((d) => d.object), redactor);
  return plan;
}
