// Drift in a live plan: the manifests of the base commit (a pull request's base, or the commit the
// ApplySet records as live) against the head's tell the changes made in Git from the cluster's drift.
import type { DesiredObject } from '../objects/desired-object.js';
import type { Logger } from '../model/logger.js';
import { markDrift } from '../plan/drift.js';
import type { Plan } from '../model/plan.js';
import type { SecretRedactor } from '../redaction/secret-redactor.js';
import type { Settings } from '../settings/settings.js';
import type { BaseManifests } from './base-manifests.js';

/** What the log says when the base's manifests cannot be had. */
export const NO_DRIFT_SPLIT = 'drift is not told apart from the changes made in Git';

/** Marks the plan's drift in place; without the base's manifests every change is the pull request's. */
export function markPlanDrift(
  plan: Plan,
  settings: Settings,
  head: readonly DesiredObject[],
  base: BaseManifests | undefined,
  deps: { logger: Logger; redactor: SecretRedactor },
): void {
  if (!base) return;
  const at = base.sha.slice(0, 7);
  if (base.reused) deps.logger.info(`The manifests at ${at} are the head's (no file the load read differs): they were not loaded again`);
  const drifted = markDrift(plan, base.objects, head, { namespace: settings.namespace, redactor: deps.redactor });
  deps.logger.info(
    drifted > 0
      ? `${drifted} object(s) drifted: their manifests are the same at ${at} and the head, but the live objects differ`
      : 'No drift: every change in the plan comes from Git',
  );
}
