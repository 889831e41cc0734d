// Without cluster access (a fork's pull request gets no secrets, or the cluster is unreachable):
// the deterministic diff of the manifests at the base commit against the head. Namespaced objects
// without a namespace get the default one, as the live plan gives them.
import { clusterScopedCustomKinds, isNamespacedKind } from '../objects/cluster-scoped-kinds.js';
import type { DesiredObject } from '../objects/desired-object.js';
import { cloneObject, type KubeObject } from '../objects/kube-object.js';
import { compareForApply } from '../objects/kind-order.js';
import { refKey, refOf } from '../objects/object-ref.js';
import { SecretRedactor } from '../redaction/secret-redactor.js';
import { noteHelmRendering } from './helm-rendering.js';
import { maskPlan } from './mask-plan.js';
import { jsonEqual, normalizeForDiff } from './normalize.js';
import type { Plan, PlanEntry } from '../model/plan.js';
import { assignGitPhases } from './git-phases.js';
import { writtenForm } from './written-form.js';
import type { Problem } from '../model/problem.js';

export interface GitPlanOptions {
  target: string;
  commit: string;
  /** Why this is not a live plan; shown as the plan's first warning. */
  reason: string;
  /** Namespace for namespaced objects whose manifest sets none (the `namespace` input). */
  namespace: string;
  redactor?: SecretRedactor;
}

export function planFromManifests(base: readonly DesiredObject[], head: readonly DesiredObject[], options: GitPlanOptions): Plan {
  const { target, commit, reason, redactor = new SecretRedactor() } = options;
  const custom = clusterScopedCustomKinds([...base, ...head].map((d) => d.object));
  const withNamespace = (d: DesiredObject): KubeObject => {
    const obj = cloneObject(d.object);
    if (isNamespacedKind(refOf(obj), custom)) obj.metadata.namespace = refOf(obj).namespace ?? options.namespace;
    else delete obj.metadata.namespace;
    return obj;
  };
  const baseByKey = new Map(
    base.map((d) => {
      const obj = withNamespace(d);
      return [refKey(refOf(obj)), obj] as const;
    }),
  );
  const headKeys = new Set<string>();
  const entries: PlanEntry[] = [];
  const sources = new Map<PlanEntry, DesiredObject>();
  for (const d of head) {
    const obj = withNamespace(d);
    const key = refKey(refOf(obj));
    headKeys.add(key);
    const before = baseByKey.get(key);
    const after = normalizeForDiff(obj);
    const b = before ? normalizeForDiff(cloneObject(before)) : undefined;
    const entry: PlanEntry = {
      ref: refOf(obj),
      source: d.source,
      action: !b ? 'create' : jsonEqual(b, after) ? 'unchanged' : 'update',
      ...(b ? { before: b } : {}),
      after,
      // A create shows its manifest as written here too (nothing of the server's to add).
      ...(b ? {} : { written: writtenForm(obj) }),
      notes: [],
      conflicts: [],
    };
    entries.push(entry);
    sources.set(entry, d);
  }
  for (const [key, obj] of baseByKey) {
    if (headKeys.has(key)) continue;
    entries.push({
      ref: refOf(obj),
      action: 'delete',
      before: normalizeForDiff(cloneObject(obj)),
      notes: ['Removed from the manifests: a merge prunes it if this target applied it.'],
      conflicts: [],
    });
  }
  entries.sort((a, b) => compareForApply(a.ref, b.ref));
  const problems: Problem[] = [];
  const warnings = [reason];
  const plan: Plan = { target, commit, basis: 'git', entries: assignGitPhases(entries, sources, problems, warnings), problems, warnings };
  maskPlan(
    plan,
    [...base, ...head].map((d) => d.object),
    redactor,
  );
  noteHelmRendering(plan, head, redactor, { base });
  return plan;
}
