// Pull requests: load → plan (live, or git base vs head without cluster access) → render → publish.
import type { ClusterClient } from '../cluster/cluster-client.js';
import { isClusterUnreachable } from '../cluster/connection-errors.js';
import { ConfigurationError, ManifestError, getErrorMessage } from '../errors.js';
import type { GitHubApi } from '../github/github-port.js';
import { GitHubPermissionError } from '../github/octokit-github.js';
import { stickyMarker, upsertStickyComment } from '../github/sticky-comment.js';
import type { Logger } from '../logging.js';
import { loadManifests } from '../manifests/manifest-loader.js';
import type { DesiredObject } from '../objects/desired-object.js';
import { planFromManifests } from '../plan/git-planner.js';
import { emptyStateProblem } from '../plan/empty-state.js';
import { registerSecrets } from '../plan/mask-plan.js';
import { logPlanWarnings } from '../plan/plan-warnings.js';
import type { Plan } from '../plan/plan.js';
import { planChanges } from '../plan/planner.js';
import { renderPlanJson, renderPlanMarkdown } from '../render/plan-markdown.js';
import type { SecretRedactor } from '../redaction/secret-redactor.js';
import { applySettingsOf } from '../run/engine-settings.js';
import type { Settings } from '../settings/settings.js';
import { checkoutCommit } from './git-base.js';
import type { GitHubEvent } from './github-event.js';
import { COMMENT_MAX_BYTES, SUMMARY_MAX_BYTES, planFilePath, setPlanOutputs, writePlanFile, writeSummary } from './publish.js';

export interface ModeDeps {
  logger: Logger;
  github?: GitHubApi;
  makeClient: () => ClusterClient;
  env: NodeJS.ProcessEnv;
  /** The run's one redactor: everything published passes through it. */
  redactor: SecretRedactor;
}

export interface PlanModeResult {
  plan: Plan;
  commentUrl?: string;
}

export async function runPlanMode(settings: Settings, event: GitHubEvent, deps: ModeDeps): Promise<PlanModeResult> {
  const { logger } = deps;
  let plan: Plan;
  let loadError: ManifestError | undefined;
  try {
    const desired = await deps.logger.group('Load manifests', () => load(settings, settings.workspace, logger, deps.redactor));
    plan = await computePlan(settings, event, desired, deps);
  } catch (error) {
    if (!(error instanceof ManifestError)) throw error;
    // Reviewers see the invalid manifests in the comment too, not only in the log.
    loadError = error;
    plan = { target: settings.target, commit: event.sha, basis: 'cluster', entries: [], warnings: [],
      problems: error.problems };
  }
  const planFile = planFilePath(settings.target, deps.env);
  const safe = (text: string): string => deps.redactor.redactString(text);
  writePlanFile(planFile, safe(renderPlanJson(plan)));
  const context = {
    marker: stickyMarker('plan', settings.target),
    ...(event.owner && event.sha ? { commitUrl: `${event.serverUrl}/${event.owner}/${event.repo}/commit/${event.sha}` } : {}),
    fullPlanHint: `the job summary of ${event.runUrl ? `[this run](${event.runUrl})` : 'this run'} and its plan-file output`,
  };
  await writeSummary(safe(renderPlanMarkdown(plan, { ...context, maxBytes: SUMMARY_MAX_BYTES })));
  setPlanOutputs(plan, planFile);
  const commentUrl = await postComment(settings, event, deps, safe(renderPlanMarkdown(plan, { ...context, maxBytes: COMMENT_MAX_BYTES })));
  if (loadError) throw loadError;
  for (const p of plan.problems) logger.error(p.message, p.source);
  return { plan, ...(commentUrl ? { commentUrl } : {}) };
}

async function load(settings: Settings, workspace: string, logger: Logger, redactor: SecretRedactor): Promise<DesiredObject[]> {
  try {
    return await loadManifests({ workspace, paths: settings.paths, exclude: settings.exclude, logger, onObjects: (objects) => registerSecrets(objects, redactor) });
  } catch (error) {
    if (error instanceof ManifestError) for (const p of error.problems) logger.error(p.message, p.source);
    throw error;
  }
}

async function computePlan(settings: Settings, event: GitHubEvent, desired: DesiredObject[], deps: ModeDeps): Promise<Plan> {
  if (!settings.kubeconfig) {
    return gitPlan(settings, event, desired, deps, 'No kubeconfig was given (pull requests from forks get no secrets), so this is the diff of the manifests at the base commit against the head — not a live diff against the cluster.');
  }
  try {
    const client = deps.makeClient();
    const result = await deps.logger.group('Plan against the cluster (server-side dry-run)', () => planChanges(desired, client, applySettingsOf(settings, event.sha), deps.logger, deps.redactor));
    logPlanWarnings(result.plan, deps.logger);
    return result.plan;
  } catch (error) {
    // Only the network may fall back to the git diff: a TLS, credential or kubeconfig problem would
    // otherwise give every pull request a git diff forever without anyone noticing.
    if (isClusterUnreachable(error)) {
      deps.logger.warning(`The cluster could not be reached (${error.message}); posting the diff of the manifests instead.`);
      return gitPlan(settings, event, desired, deps, `The cluster could not be reached (${error.message}), so this is the diff of the manifests at the base commit against the head — not a live diff against the cluster.`);
    }
    throw error;
  }
}

async function gitPlan(settings: Settings, event: GitHubEvent, head: DesiredObject[], deps: ModeDeps, reason: string): Promise<Plan> {
  let base: DesiredObject[] = [];
  const baseSha = event.pullRequest?.baseSha;
  if (baseSha) {
    try {
      const checkout = await checkoutCommit(settings.workspace, baseSha);
      try {
        base = await loadManifests({ workspace: checkout.dir, paths: settings.paths, exclude: settings.exclude, logger: quiet(deps.logger),
          onObjects: (objects) => registerSecrets(objects, deps.redactor) });
      } catch (error) {
        if (!(error instanceof ConfigurationError)) throw error;
        deps.logger.info(`The manifests at the base commit do not load (${getErrorMessage(error).split('\n')[0]}); comparing against nothing.`);
      } finally {
        await checkout.cleanup();
      }
    } catch (error) {
      deps.logger.warning(`The base commit ${baseSha.slice(0, 7)} could not be read with git (${getErrorMessage(error).split('\n')[0]}); comparing against nothing.`);
    }
  }
  const plan = planFromManifests(base, head, { target: settings.target, commit: event.sha, reason, namespace: settings.namespace, redactor: deps.redactor });
  // The merge would refuse an empty set; the git diff says so as the live plan does.
  const empty = emptyStateProblem(head.length, base.length, settings.allowEmpty);
  if (empty) plan.problems.push(empty);
  return plan;
}

function quiet(logger: Logger): Logger {
  return { ...logger, warning: (m) => logger.debug(m), error: (m) => logger.debug(m), group: (_n, fn) => fn(), debug: (m) => logger.debug(m), info: (m) => logger.debug(m) };
}

async function postComment(settings: Settings, event: GitHubEvent, deps: ModeDeps, body: string): Promise<string | undefined> {
  if (!settings.comment || !event.pullRequest) return undefined;
  if (!deps.github) {
    deps.logger.warning('No github-token: the plan is in the job summary only.');
    return undefined;
  }
  try {
    const result = await upsertStickyComment(deps.github, { issueNumber: event.pullRequest.number, marker: stickyMarker('plan', settings.target), body });
    deps.logger.info(`Plan comment ${result.action}: ${result.url}`);
    return result.url;
  } catch (error) {
    if (error instanceof GitHubPermissionError) {
      deps.logger.warning('The token cannot comment on this pull request (read-only, as for pull requests from forks); the plan is in the job summary.');
      return undefined;
    }
    throw error;
  }
}
