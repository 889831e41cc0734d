// `mode: preview` on a pull_request event: the pull request's head applied into its own namespace
// `<prefix>-pr-<number>` (opened, synchronize, reopened, labeled), or the whole preview removed
// (closed: preview-teardown.ts). First, always: the namespace, when it exists, must be this
// preview's (src/preview/preview-guard.ts), or nothing is read further, written or deleted. The
// preview is a target of its own: its name is the namespace, its ApplySet parent lives in it, its
// field manager is `<field-manager>-preview`, it never adopts another set's object. Apply: the fork
// opt-in gate (preview-opt-in-gate.ts: a fork's pull request is held before anything of it is
// loaded, unless a maintainer opted it in) → load, transform and check (src/preview/preview-apply.ts,
// shared with `kube-gitops preview`; a refusal names every object) → the GitHub Deployment
// `in_progress` → runApply (prune, wait) → the deployment's last status and the sticky comment,
// which say where the preview is, whether it is healthy and what is in it.
import { ConfigurationError, getErrorMessage, ManifestError } from '../model/errors.js';
import { Inputs } from '../model/inputs-outputs.js';
import { formatProblem } from '../model/problem.js';
import { refusalOf } from '../model/refusal.js';
import { applyPreviewObjects, loadPreviewObjects, previewRows, type PreviewApply } from '../preview/preview-apply.js';
import { foreignNamespace } from '../preview/preview-guard.js';
import { outcomeText } from '../render/apply-outcome.js';
import type { ApplyReport } from '../run/apply-run.js';
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
  const { deps } = run;
  const { logger } = deps;
  const held = await previewHeld(run);
  if (held) {
    logger.warning(held);
    await run.comment({ status: 'held', detail: held, rows: [] });
    return { status: 'held' };
  }
  const apply: PreviewApply = { target: run, engine: deps, client: run.client, commit: run.event.sha, holder: holderOf(run).holder };
  let objects;
  try {
    objects = await loadPreviewObjects(apply);
  } catch (error) {
    const refusal = refusalOf(error);
    if (refusal) for (const p of refusal.problems) logger.error(p.message, p.source);
    await run.comment({ status: 'failed', detail: refusal ? refusal.problems.map(formatProblem).join('\n') : getErrorMessage(error), rows: [] });
    throw refusal && error instanceof ManifestError ? new ManifestError(error.problems, true) : error;
  }
  await run.deployments?.start();
  let report: ApplyReport;
  try {
    report = await applyPreviewObjects(objects, apply);
  } catch (error) {
    await run.deployments?.finish('failure', thrownDescription(error));
    await run.comment({ status: 'failed', detail: getErrorMessage(error), rows: [] });
    throw error;
  }
  const status = report.succeeded ? 'ready' : report.outcome.failed.length > 0 ? 'failed' : 'unhealthy';
  await run.deployments?.finish(report.succeeded ? 'success' : 'failure', outcomeText(report));
  await run.comment({ status, rows: previewRows(report) });
  return { status, report };
}
