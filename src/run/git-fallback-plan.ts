// The plan without cluster access: the manifests at the pull request's base commit (read through
// the checkout port) against the head's, with the empty-set check the live plan makes.
import { firstLine } from '../text/first-line.js';
import { ConfigurationError, ManifestError, getErrorMessage } from '../model/errors.js';
import type { CheckoutCommit, PresentCommit } from '../git/commit-checkout.js';
import type { Logger } from '../model/logger.js';
import type { CapabilitiesSource } from '../load/sources/helm/helm-capabilities.js';
import type { DesiredObject } from '../objects/desired-object.js';
import { emptyStateProblem } from '../plan/empty-state.js';
import { planFromManifests } from '../plan/git-planner.js';
import type { Plan } from '../model/plan.js';
import type { SecretRedactor } from '../redaction/secret-redactor.js';
import type { Settings } from '../settings/settings.js';
import { loadDesired } from './load-stage.js';

/** Where the git plan's base comes from. */
export interface GitFallback {
  /** The base commit; undefined compares against nothing. */
  baseSha?: string;
  checkout: CheckoutCommit;
  /** Makes the base commit present in the clone (a runner fetches it), so git can compare it with HEAD. */
  present?: PresentCommit;
}

export interface GitPlanDeps {
  logger: Logger;
  redactor: SecretRedactor;
  fallback: GitFallback;
}

/** The git plan of `head` against `base` (the base commit's manifests; none compares against nothing). */
export function gitPlan(
  settings: Settings,
  commit: string,
  head: DesiredObject[],
  base: readonly DesiredObject[],
  redactor: SecretRedactor,
  reason: string,
): Plan {
  const plan = planFromManifests(base, head, { target: settings.target, commit, reason, namespace: settings.namespace, redactor });
  // The merge would refuse an empty set; the git diff says so as the live plan does.
  const empty = emptyStateProblem(head.length, base.length, settings.allowEmpty);
  if (empty) plan.problems.push(empty);
  return plan;
}

/**
 * The base commit's manifests (charts rendered with `capabilities` when given); undefined, with a
 * note in the log ending in `otherwise`, when they cannot be read or do not load.
 */
export async function loadBase(
  settings: Settings,
  baseSha: string,
  deps: GitPlanDeps,
  otherwise: string,
  capabilities?: CapabilitiesSource,
): Promise<DesiredObject[] | undefined> {
  let checkout: Awaited<ReturnType<CheckoutCommit>>;
  try {
    checkout = await deps.fallback.checkout(settings.workspace, baseSha);
  } catch (error) {
    deps.logger.warning(`The base commit ${baseSha.slice(0, 7)} could not be read with git (${firstLine(getErrorMessage(error))}); ${otherwise}.`);
    return undefined;
  }
  try {
    return await loadAtBase({ ...settings, workspace: checkout.dir }, deps, capabilities);
  } catch (error) {
    // Invalid manifests at the base are the base's affair; anything else (a renderer that failed) is worth a warning.
    if (error instanceof ConfigurationError)
      deps.logger.info(`The manifests at the base commit do not load (${firstLine(getErrorMessage(error))}); ${otherwise}.`);
    else
      deps.logger.warning(`The manifests at the base commit ${baseSha.slice(0, 7)} could not be loaded (${firstLine(getErrorMessage(error))}); ${otherwise}.`);
    return undefined;
  } finally {
    await checkout.cleanup();
  }
}

/**
 * The base's manifests. A path the pull request adds matches nothing at the base: the base simply
 * had no manifests there, so it is left out (the other paths still load), never a failed load.
 */
async function loadAtBase(settings: Settings, deps: GitPlanDeps, capabilities?: CapabilitiesSource): Promise<DesiredObject[]> {
  try {
    return await loadDesired(settings, quiet(deps.logger), deps.redactor, capabilities);
  } catch (error) {
    if (!(error instanceof ManifestError) || !error.problems.every((p) => p.code === 'path-matches-nothing')) throw error;
    const absent = new Set(error.problems.map((p) => p.pathEntry));
    const paths = settings.paths.filter((p) => !absent.has(p));
    if (paths.length === 0) return [];
    return loadDesired({ ...settings, paths }, quiet(deps.logger), deps.redactor, capabilities);
  }
}

/** The base's charts render with the Capabilities the head's did (helm's built-in ones when those were), so the diff shows no rendering noise. */
export function sameCapabilities(head: readonly DesiredObject[]): CapabilitiesSource {
  const used = head.find((d) => d.chart)?.chart?.capabilities;
  return () => Promise.resolve(used);
}

/** The base's own warnings and errors are not this change's: they go to the debug log. */
function quiet(logger: Logger): Logger {
  return {
    ...logger,
    warning: (m) => logger.debug(m),
    error: (m) => logger.debug(m),
    group: (_n, fn) => fn(),
    debug: (m) => logger.debug(m),
    info: (m) => logger.debug(m),
  };
}
