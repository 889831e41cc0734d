// Drift apart from the pull request's changes: a live plan's change to an object whose manifest is
// the same at the base and head commits was made in the cluster (kubectl edit, a controller, a
// webhook) or is a base commit never applied; the pull request did not ask for it. Pure: the
// manifests are compared with the git planner (no second dry-run).
import type { DesiredObject } from '../objects/desired-object.js';
import { refKey } from '../objects/object-ref.js';
import type { SecretRedactor } from '../redaction/secret-redactor.js';
import { planFromManifests } from './git-planner.js';
import { countDrifted, type Plan, type PlanEntry } from '../model/plan.js';

export interface DriftOptions {
  /** Namespace for namespaced objects whose manifest sets none (the `namespace` input). */
  namespace: string;
  redactor: SecretRedactor;
}

/**
 * Marks drift in a live plan, in place, and returns how many entries drifted: a create, update or
 * replace of an object whose manifest base and head share, and a delete of an object neither has.
 */
export function markDrift(plan: Plan, base: readonly DesiredObject[], head: readonly DesiredObject[], options: DriftOptions): number {
  if (plan.basis !== 'cluster') return 0;
  const manifests = planFromManifests(base, head, { target: plan.target, commit: plan.commit, reason: '', ...options });
  const byKey = new Map(manifests.entries.map((e) => [refKey(e.ref), e.action] as const));
  for (const e of plan.entries) if (isDrift(e, byKey.get(refKey(e.ref)))) e.drift = true;
  return countDrifted(plan.entries);
}

function isDrift(e: PlanEntry, manifestChange: PlanEntry['action'] | undefined): boolean {
  switch (e.action) {
    case 'create':
    case 'update':
    case 'replace':
      return manifestChange === 'unchanged';
    case 'delete':
      return manifestChange === undefined;
    case 'unchanged':
    case 'retain':
      return false;
  }
}
