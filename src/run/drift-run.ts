// The scheduled drift check, runner-independent: the checked-out default branch planned against the
// cluster (live only, never written to), its changes split into drift (the manifest is the same in
// the commit the ApplySet records as applied and in the branch head, but the live object differs)
// and commits not applied yet (the manifest changed since that commit).
import type { LiveState } from '../model/live-state.js';
import type { CheckoutCommit, PresentCommit } from '../git/commit-checkout.js';
import { countDrifted, hasChanges, type Plan } from '../model/plan.js';
import type { Settings } from '../settings/settings.js';
import { baseManifests } from './base-manifests.js';
import { markPlanDrift, NO_DRIFT_SPLIT } from './drift-stage.js';
import { liveCapabilities } from './live-capabilities.js';
import { runPlan, type PlanRunDeps, type PlanRunResult } from './plan-run.js';

export interface DriftRunDeps extends Omit<PlanRunDeps, 'gitFallback'> {
  /** Reads the manifests of the commit recorded as applied (to tell drift from commits not applied yet). */
  checkout: CheckoutCommit;
  /** Makes the live commit present in the clone (a runner fetches it) before git compares it with HEAD. */
  present?: PresentCommit;
  /**
   * The manifests come from a working tree with changes not committed (a terminal run): even when the
   * live commit is HEAD, a difference may be one of those changes, so the live commit's manifests are read.
   */
  uncommitted?: boolean;
}

export interface DriftRunResult extends PlanRunResult {
  /** The cluster differs from the branch head (drift, or commits not applied yet). */
  differs: boolean;
  live: LiveState;
  /** Entries marked as drift. */
  drifted: number;
}

export async function runDriftCheck(settings: Settings, commit: string, deps: DriftRunDeps): Promise<DriftRunResult> {
  // One reading of the live Capabilities for both loads (the head's and the live commit's).
  const capabilities = liveCapabilities(deps.makeClient, deps.logger);
  const result = await runPlan(settings, commit, { ...deps, capabilities });
  const { plan, desired, head } = result;
  const live: LiveState = !plan.liveCommit ? 'never-applied' : plan.liveCommit === commit ? 'head' : 'older';
  if (desired && head && !result.loadError) {
    if (live === 'head' && !deps.uncommitted) markAllDrift(plan);
    else if (plan.liveCommit) {
      const fallback = { checkout: deps.checkout, baseSha: plan.liveCommit, ...(deps.present ? { present: deps.present } : {}) };
      const base = await baseManifests(
        settings,
        plan.liveCommit,
        head,
        { ...deps, fallback, ...(deps.present ? { present: deps.present } : {}) },
        NO_DRIFT_SPLIT,
        capabilities,
      );
      markPlanDrift(plan, settings, desired, base, deps);
    }
  }
  return { ...result, differs: hasChanges(plan), live, drifted: countDrifted(plan.entries) };
}

/** The branch head is what is live: every difference was made in the cluster. */
function markAllDrift(plan: Plan): void {
  for (const e of plan.entries) if (e.action !== 'unchanged' && e.action !== 'retain') e.drift = true;
}
