// Drift in a pull request's live plan: the base commit's manifests (already read this way for the
// git fallback) against the head's tell the pull request's changes from the cluster's drift.
import type { DesiredObject } from '../objects/desired-object.js';
import type { CapabilitiesSource } from '../load/sources/helm/helm-capabilities.js';
import { markDrift } from '../plan/drift.js';
import type { Plan } from '../model/plan.js';
import type { Settings } from '../settings/settings.js';
import { loadBase, type GitPlanDeps } from './git-fallback-plan.js';

/** Marks the plan's drift in place; without a base commit (or when it does not load) every change is the pull request's. */
export async function markPlanDrift(
  plan: Plan,
  settings: Settings,
  head: readonly DesiredObject[],
  deps: GitPlanDeps,
  capabilities?: CapabilitiesSource,
): Promise<void> {
  const baseSha = deps.fallback.baseSha;
  if (!baseSha) return;
  const base = await deps.logger.group('Load the base commit (to tell drift apart)', () =>
    loadBase(settings, baseSha, deps, 'drift is not told apart from the changes made in Git', capabilities),
  );
  if (!base) return;
  const drifted = markDrift(plan, base, head, { namespace: settings.namespace, redactor: deps.redactor });
  deps.logger.info(
    drifted > 0
      ? `${drifted} object(s) drifted: their manifests are the same at ${baseSha.slice(0, 7)} and the head, but the live objects differ`
      : 'No drift: every change in the plan comes from Git',
  );
}
