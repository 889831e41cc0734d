// `mode: preview` on a pull_request event: the pull request's head applied into its own namespace
// `<prefix>-pr-<number>` (opened, synchronize, reopened, labeled), or the whole preview removed
// (closed: preview-teardown.ts). First, always: the namespace, when it exists, must be this
// preview's (src/preview/preview-guard.ts), or nothing is read further, written or deleted. The
// preview is a target of its own: its name is the namespace, its ApplySet parent lives in it, its
// field manager is `<field-manager>-preview`, it never adopts another set's object. Apply: the fork
// opt-in gate (preview-opt-in-gate.ts: a fork's pull request is held before anything of it is
// loaded, unless a maintainer opted it in) → load → the preview transform
// (src/preview/preview-objects.ts; a refusal names every object) → an allowed cluster-scoped object
// that exists and is not the preview's refused → the GitHub Deployment `in_progress` → runApply
// (prune, wait) → the deployment's last status and the sticky comment, which say where the preview
// is, whether it is healthy and what is in it.
import { ConfigurationError, getErrorMessage, ManifestError } from '../model/errors.js';
import { Inputs } from '../model/inputs-outputs.js';
import { formatProblem, type Problem } from '../model/problem.js';
import { refusalOf } from '../model/refusal.js';
import { clusterScopedCustomKinds, isNamespacedKind } from '../objects/cluster-scoped-kinds.js';
import { refKey, refOf } from '../objects/object-ref.js';
import type { DesiredObject } from '../objects/desired-object.js';
import { findType } from '../cluster/resource-catalogue.js';
import { foreignClusterObject, foreignNamespace } from '../preview/preview-guard.js';
import type { PreviewRow } from '../preview/preview-markdown.js';
import { previewObjects } from '../preview/preview-objects.js';
import { outcomeText } from '../render/apply-outcome.js';
import { runApply, type ApplyReport } from '../run/apply-run.js';
import { applySettingsOf } from '../run/engine-settings.js';
import { verbDeps } from '../run/engine.js';
import { liveCapabilities } from '../run/live-capabilities.js';
import { loadWithReadsReported } from '../run/load-stage.js';
import type { Settings } from '../settings/settings.js';
import type { GitHubEvent } from './github-event.js';
import type { ApplyModeDeps } from './mode-deps.js';
import { previewHeld } from './preview-opt-in-gate.js';
import { teardownPreview } from './preview-teardown.js';
import { holderOf, namespaceRef, previewRun, type PreviewOutcome, type PreviewRun } from './preview-run.js';
import { thrownDescription } from './surfaces/deployment-status.js';

/** The pull_request actions that apply the head; `closed` removes the preview; any other does nothing. */
const APPLY_ACTIONS: ReadonlySet<string> = new Set(['opened', 'synchronize', 'reopened', 'labeled']);

export async function runPreviewMode(settings: Settings, event: GitHubEvent, deps: ApplyModeDeps): Promise<PreviewOutcome> {
  const pr = event.pullRequest;
  if (event.name !== 'pull_request' || !pr) {
    throw new ConfigurationError(
      `mode preview runs on pull_request events (opened, synchronize, reopened, closed); this is a '${event.name || 'unknown'}' event.`,
      Inputs.Mode,
    );
  }
  if (!settings.kubeconfig) {
    throw new ConfigurationError("mode preview needs the preview cluster: set the input 'kubeconfig' (or a KUBECONFIG file).", Inputs.Kubeconfig);
  }
  const run = await previewRun(settings, event, deps, pr.number);
  const live = await run.client.get(run.namespaceType, namespaceRef(run.preview.namespace));
  const foreign = foreignNamespace(live, run.preview);
  if (foreign) throw new ConfigurationError(foreign);
  const action = typeof event.payload.action === 'string' ? event.payload.action : '';
  if (action === 'closed') return teardownPreview(run, live !== undefined);
  if (!APPLY_ACTIONS.has(action)) {
    deps.logger.info(`Nothing to do for a pull request '${action}' event: the preview changes on opened, synchronize, reopened and closed.`);
    return { status: 'skipped' };
  }
  return applyPreview(run);
}

async function applyPreview(run: PreviewRun): Promise<PreviewOutcome> {
  const { settings, deps, preview } = run;
  const { logger } = deps;
  const held = await previewHeld(run);
  if (held) {
    logger.warning(held);
    await run.comment({ status: 'held', detail: held, rows: [] });
    return { status: 'held' };
  }
  let objects;
  try {
    const loaded = await logger.group('Load manifests', () =>
      loadWithReadsReported(settings, logger, deps.redactor, liveCapabilities(deps.makeClient, logger)),
    );
    const types = await run.client.resourceTypes();
    const custom = clusterScopedCustomKinds(loaded.objects.map((d) => d.object));
    objects = previewObjects(loaded.objects, {
      preview,
      allowedClusterKinds: settings.preview.clusterKinds,
      isNamespaced: (ref) => types.find((t) => t.group === ref.group && t.kind === ref.kind)?.namespaced ?? isNamespacedKind(ref, custom),
      ...(settings.preview.ttlMs === undefined ? {} : { ttlMs: settings.preview.ttlMs }),
      ...(settings.preview.quota ? { quota: settings.preview.quota } : {}),
      ...(settings.preview.limits ? { limits: settings.preview.limits } : {}),
    });
  } catch (error) {
    const refusal = refusalOf(error);
    if (refusal) for (const p of refusal.problems) logger.error(p.message, p.source);
    await run.comment({ status: 'failed', detail: refusal ? refusal.problems.map(formatProblem).join('\n') : getErrorMessage(error), rows: [] });
    throw error;
  }
  await refuseForeignClusterObjects(run, objects.objects);
  for (const d of objects.replaced)
    logger.info(`The pull request's Namespace ${d.object.metadata.name} is replaced by the preview's own, ${preview.namespace}.`);
  await run.deployments?.start();
  let report: ApplyReport;
  try {
    report = await runApply(objects.objects, applySettingsOf(settings, run.event.sha), { ...verbDeps(deps), lease: holderOf(run) });
  } catch (error) {
    await run.deployments?.finish('failure', thrownDescription(error));
    await run.comment({ status: 'failed', detail: getErrorMessage(error), rows: [] });
    throw error;
  }
  const status = report.succeeded ? 'ready' : report.outcome.failed.length > 0 ? 'failed' : 'unhealthy';
  await run.deployments?.finish(report.succeeded ? 'success' : 'failure', outcomeText(report));
  await run.comment({ status, rows: rowsOf(report) });
  return { status, report };
}

/** Every object of the preview with its health (or what the apply did with it when it was not waited on). */
function rowsOf(report: ApplyReport): PreviewRow[] {
  const health = new Map(report.health.map((h) => [refKey(h.ref), h.state]));
  const failed = new Set(report.outcome.failed.map((f) => refKey(f.ref)));
  return report.planResult.plan.entries
    .filter((e) => e.action !== 'delete')
    .map((e) => ({ ref: e.ref, state: failed.has(refKey(e.ref)) ? 'failed to apply' : (health.get(refKey(e.ref)) ?? e.action) }));
}

/** An allowed cluster-scoped object that exists and is not this preview's stops the preview before anything is written. */
async function refuseForeignClusterObjects(run: PreviewRun, objects: readonly DesiredObject[]): Promise<void> {
  const types = await run.client.resourceTypes();
  const problems: Problem[] = [];
  for (const d of objects) {
    const ref = refOf(d.object);
    const type = ref.kind === 'Namespace' && ref.group === '' ? undefined : findType(types, ref);
    if (!type || type.namespaced) continue;
    const message = foreignClusterObject(await run.client.get(type, ref), run.preview);
    if (message) problems.push({ message, ref, source: d.source });
  }
  if (problems.length === 0) return;
  for (const p of problems) run.deps.logger.error(p.message, p.source);
  await run.comment({ status: 'failed', detail: problems.map(formatProblem).join('\n'), rows: [] });
  throw new ManifestError(problems, true);
}
