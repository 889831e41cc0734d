// Merges: the ring gate (a target of a later ring goes on only when the rings before it have the
// commit applied and healthy, src/fleet/ring-gate.ts; it touches no cluster) → the signature gate →
// load → the gate on what the load read → plan → the write gates (commit order, signatures since the
// live commit, the review binding with the run's approver, then the GitHub Deployment's
// `in_progress`) → apply → prune → wait, as one report; then the push's surfaces
// (surfaces/mode-surfaces.ts: outputs, plan file, summary, the deployment's last status, merged PR
// comment). An apply that throws ends its started deployment as `failure` before failing the step. A refusal (invalid manifests, plan problems, an empty set, an older commit,
// a plan that differs from the reviewed one under on-unreviewed-changes: fail) is a report like an
// apply, published as fully, then fails the step with one short line.
import { ConfigurationError } from '../model/errors.js';
import { refusalOf, type Refusal } from '../model/refusal.js';
import { applySettingsOf } from '../run/engine-settings.js';
import { verbDeps } from '../run/engine.js';
import { runApply } from '../run/apply-run.js';
import type { AppliedRunReport, RefusedRunReport } from '../run/run-report.js';
import { liveCapabilities } from '../run/live-capabilities.js';
import { loadWithReads } from '../run/load-stage.js';
import { signaturesSinceLiveGate, type CommitOrder } from '../run/write-gates.js';
import { reviewWriteGate } from '../assembly/review-write-gate.js';
import { ringGate } from '../fleet/ring-gate.js';
import { signatureGate } from '../assembly/signature-gate.js';
import type { Settings } from '../settings/settings.js';
import type { GitHubEvent } from './github-event.js';
import type { ApplyModeDeps } from './mode-deps.js';
import { deploymentRecorder, thrownDescription } from './surfaces/deployment-status.js';
import { publishReport } from './surfaces/mode-surfaces.js';
import { runApprovalLookup } from './run-approval.js';
import type { DeploymentRecorder } from './surfaces/surface.js';

/** A push's report: applied (or failed while applying), or refused before the first write. */
type PushReport = AppliedRunReport | RefusedRunReport;

export async function runApplyMode(settings: Settings, event: GitHubEvent, deps: ApplyModeDeps): Promise<PushReport> {
  if (!settings.kubeconfig) {
    throw new ConfigurationError("mode apply needs a cluster: set the input 'kubeconfig' (or a KUBECONFIG file).", 'kubeconfig');
  }
  const deployment = deploymentRecorder(settings, event, deps);
  let report: PushReport;
  try {
    report = await applyPush(settings, event, deps, deployment);
  } catch (error) {
    await deployment?.finish('failure', thrownDescription(error));
    throw error;
  }
  return publishReport(report, { settings, event, deps, ...(deployment ? { deployment } : {}) });
}

/** A refusal (nothing written) as a value; any other failure is thrown on. */
async function refusedOr<T>(run: () => Promise<T>): Promise<{ value: T } | { refusal: Refusal }> {
  try {
    return { value: await run() };
  } catch (error) {
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    return { refusal };
  }
}

async function applyPush(settings: Settings, event: GitHubEvent, deps: ApplyModeDeps, deployment: DeploymentRecorder | undefined): Promise<PushReport> {
  const { logger, github } = deps;
  if (settings.rollout) {
    const problems = await ringGate(settings.target, settings.rollout, event.sha, { ...(github ? { github } : {}), logger });
    if (problems.length > 0) return { kind: 'refused', refusal: { problems } };
  }
  const gate = signatureGate(settings, { commit: event.sha, env: deps.env, logger, ...(github ? { github } : {}) });
  const loaded = await refusedOr(async () => {
    await gate?.beforeLoad();
    const { objects, reads } = await logger.group('Load manifests', () =>
      loadWithReads(settings, logger, deps.redactor, liveCapabilities(deps.makeClient, logger)),
    );
    await gate?.afterLoad(reads);
    return objects;
  });
  if ('refusal' in loaded) return { kind: 'refused', refusal: loaded.refusal };
  const desired = loaded.value;
  const compareCommits = github ? async (base: string, head: string): Promise<CommitOrder> => (await github.compareCommits(base, head)).status : undefined;
  const approval = runApprovalLookup(settings, event, deps);
  const reviewed = reviewWriteGate(settings, {
    ...(github ? { github } : {}),
    sha: event.sha,
    desired,
    redactor: deps.redactor,
    logger,
    ...(approval ? { approval } : {}),
  });
  const applied = await refusedOr(() =>
    runApply(desired, applySettingsOf(settings, event.sha), {
      ...verbDeps(deps),
      gates: [...(gate ? [signaturesSinceLiveGate(gate)] : []), reviewed.gate, ...(deployment ? [deployment.gate] : [])],
      lease: { holder: event.runUrl ?? `a GitHub Actions run of ${event.owner}/${event.repo} at ${event.sha.slice(0, 7)}` },
      ...(compareCommits ? { compareCommits } : {}),
    }),
  );
  const review = reviewed.verdict();
  const verdict = review ? { review } : {};
  return 'refusal' in applied ? { kind: 'refused', refusal: applied.refusal, ...verdict } : { kind: 'apply', apply: applied.value, ...verdict };
}
