// The pull request pipeline, runner-independent: load → plan (live by server-side dry-run, or the
// git diff of base against head without cluster access) → the empty-set check. Never writes.
// The Action and the CLI map their inputs to it and publish what it returns.
import { noteThrottling } from './throttling-note.js';
import type { ClusterClient } from '../cluster/cluster-client.js';
import { isClusterUnreachable } from '../cluster/connection-errors.js';
import { ManifestError } from '../model/errors.js';
import type { Logger } from '../model/logger.js';
import type { CapabilitiesSource } from '../load/sources/helm/helm-capabilities.js';
import type { DesiredObject } from '../objects/desired-object.js';
import type { LoadResult } from '../load/manifest-loader.js';
import type { Plan } from '../model/plan.js';
import { planChanges } from '../plan/planner.js';
import type { SecretRedactor } from '../redaction/secret-redactor.js';
import type { Settings } from '../settings/settings.js';
import { applySettingsOf } from './engine-settings.js';
import { baseManifests, type BaseManifests } from './base-manifests.js';
import { markPlanDrift, NO_DRIFT_SPLIT } from './drift-stage.js';
import { gitPlan, sameCapabilities, type GitFallback } from './git-fallback-plan.js';
import { liveCapabilities } from './live-capabilities.js';
import { loadWithReadsReported } from './load-stage.js';
import type { Progress } from '../model/progress.js';

export interface PlanRunDeps {
  logger: Logger;
  /** The run's one redactor: the plan registers every Secret value with it. */
  redactor: SecretRedactor;
  /** The cluster client, asked for only when a live plan is made. */
  makeClient: () => ClusterClient;
  /**
   * Present: without a kubeconfig, or when the cluster cannot be reached over the network, the plan
   * is the git diff of this base against the head. Absent: live only (the CLI).
   */
  gitFallback?: GitFallback;
  /** Told as objects are planned (the CLI's progress on a terminal). */
  progress?: Progress;
  /** The live Capabilities charts render with, when the caller reads them for more loads than this one. */
  capabilities?: CapabilitiesSource;
}

export interface PlanRunResult {
  /** The plan; after a load failure, an empty plan holding the load's problems. */
  plan: Plan;
  /** The manifests did not load (each problem was logged at its file and line). */
  loadError?: ManifestError;
  /** The manifests planned (absent after a load failure). */
  desired?: DesiredObject[];
  /** The head's load: its objects, read set and the symlinks it followed (absent after a load failure). */
  head?: LoadResult;
}

export async function runPlan(settings: Settings, commit: string, deps: PlanRunDeps): Promise<PlanRunResult> {
  try {
    const capabilities = settings.kubeconfig ? (deps.capabilities ?? liveCapabilities(deps.makeClient, deps.logger)) : undefined;
    if (settings.kubeconfig) prefetchDiscovery(deps.makeClient);
    const head = await deps.logger.group('Load manifests', () => loadWithReadsReported(settings, deps.logger, deps.redactor, capabilities));
    const desired = head.objects;
    const base = baseOnce(settings, head, deps);
    // A live plan's base loads while the plan waits on the API server (git and the loader's CPU
    // overlap the dry-runs); a git plan asks for it itself.
    const live = settings.kubeconfig !== undefined;
    if (live) void base();
    const plan = await planDesired(settings, commit, desired, { ...deps, base });
    if (plan.basis === 'cluster') markPlanDrift(plan, settings, desired, await base(), deps);
    return { plan, desired, head };
  } catch (error) {
    if (!(error instanceof ManifestError)) throw error;
    // Reviewers see the invalid manifests in the comment too, not only in the log.
    return { plan: { target: settings.target, commit, basis: 'cluster', entries: [], warnings: [], problems: error.problems }, loadError: error };
  }
}

/**
 * Discovery goes out while the manifests load (the load is CPU, discovery waits on the network); the
 * plan then takes the same answer from the client. Any failure here is the plan's to report, in its
 * place: a kubeconfig that cannot be read, or a discovery that failed (the client asks again).
 */
function prefetchDiscovery(makeClient: () => ClusterClient): void {
  try {
    makeClient()
      .resourceTypes()
      .catch(() => undefined);
  } catch {
    // The plan builds the client again and says why it cannot.
  }
}

/**
 * The base commit's manifests, asked for at most once (undefined without a git fallback or a base).
 * Charts render with the Capabilities the head's did, so the comparison shows no rendering noise.
 */
function baseOnce(settings: Settings, head: LoadResult, deps: PlanRunDeps): () => Promise<BaseManifests | undefined> {
  const fallback = deps.gitFallback;
  let started: Promise<BaseManifests | undefined> | undefined;
  return () => {
    if (!fallback?.baseSha) return Promise.resolve(undefined);
    const deps2 = { ...deps, fallback, ...(fallback.present ? { present: fallback.present } : {}) };
    started ??= baseManifests(
      settings,
      fallback.baseSha,
      head,
      deps2,
      settings.kubeconfig ? NO_DRIFT_SPLIT : 'comparing against nothing',
      sameCapabilities(head.objects),
    );
    return started;
  };
}

type PlanDeps = PlanRunDeps & { base: () => Promise<BaseManifests | undefined> };

async function planDesired(settings: Settings, commit: string, desired: DesiredObject[], deps: PlanDeps): Promise<Plan> {
  const fallback = deps.gitFallback;
  if (!settings.kubeconfig && fallback) {
    return gitPlan(
      settings,
      commit,
      desired,
      (await deps.base())?.objects ?? [],
      deps.redactor,
      'No kubeconfig was given (pull requests from forks get no secrets), so this is the diff of the manifests at the base commit against the head — not a live diff against the cluster.',
    );
  }
  try {
    const client = deps.makeClient();
    const result = await deps.logger.group('Plan against the cluster (server-side dry-run)', () =>
      planChanges(desired, client, applySettingsOf(settings, commit), deps.logger, deps.redactor, deps.progress),
    );
    noteThrottling(client, deps.logger);
    return result.plan;
  } catch (error) {
    // Only the network may fall back to the git diff: a TLS, credential or kubeconfig problem would
    // otherwise give every pull request a git diff forever without anyone noticing.
    if (fallback && isClusterUnreachable(error)) {
      deps.logger.warning(`The cluster could not be reached (${error.message}); posting the diff of the manifests instead.`);
      return gitPlan(
        settings,
        commit,
        desired,
        (await deps.base())?.objects ?? [],
        deps.redactor,
        `The cluster could not be reached (${error.message}), so this is the diff of the manifests at the base commit against the head — not a live diff against the cluster.`,
      );
    }
    throw error;
  }
}
