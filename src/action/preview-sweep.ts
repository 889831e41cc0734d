// `mode: preview-sweep` on a schedule (or workflow_dispatch): removes the previews a `closed` event
// never reached (GitHub delivers none while no run listens) and those past their TTL. The scan
// (src/preview/preview-sweep-scan.ts) lists the namespaces carrying the preview label by label
// selector and decides each by src/preview/preview-sweep-rule.ts. Nothing that rule leaves alone is read further,
// written or deleted. A swept preview goes the way a `closed` event's does (preview-teardown.ts:
// members, namespace last, 404, deployments inactive, comment updated, saying why). A pull request
// GitHub could not tell about is kept and warned of; a removal that fails is reported; both fail the
// step at the end, after every other preview was dealt with.
import { ConfigurationError, getErrorMessage } from '../model/errors.js';
import { Inputs } from '../model/inputs-outputs.js';
import type { SweepRow } from '../preview/preview-sweep-markdown.js';
import { isExpired, sweepVerdict, type PullRequestNow, type SweepCandidate, type SweepScope } from '../preview/preview-sweep-rule.js';
import { scanPreviews } from '../preview/preview-sweep-scan.js';
import type { Settings } from '../settings/settings.js';
import type { GitHubApi } from '../github/github-port.js';
import type { GitHubEvent } from './github-event.js';
import type { ApplyModeDeps } from './mode-deps.js';
import { previewRun } from './preview-run.js';
import { teardownPreview } from './preview-teardown.js';
import { reportSweep } from './surfaces/preview-sweep-report.js';

const SWEEP_EVENTS: ReadonlySet<string> = new Set(['schedule', 'workflow_dispatch']);

export interface SweepOutcome {
  rows: SweepRow[];
  /** Why the step fails (a pull request unread, a removal failed); undefined when it succeeds. */
  failure?: string;
}

export async function runPreviewSweep(settings: Settings, event: GitHubEvent, deps: ApplyModeDeps): Promise<SweepOutcome> {
  const github = requirements(settings, event, deps);
  const scope: SweepScope = {
    prefix: settings.preview.prefix,
    repository: `${event.owner}/${event.repo}`,
    fieldManager: settings.fieldManager,
    ...(settings.preview.ttlMs === undefined ? {} : { ttlMs: settings.preview.ttlMs }),
  };
  const scan = await scanPreviews(deps.makeClient(), scope, deps.logger);
  const rows: SweepRow[] = [...scan.alone];
  for (const candidate of scan.candidates) rows.push(await decide(candidate, settings, event, deps, github));
  const failure = failureOf(rows);
  await reportSweep(rows, deps);
  return { rows, ...(failure ? { failure } : {}) };
}

function requirements(settings: Settings, event: GitHubEvent, deps: ApplyModeDeps): GitHubApi {
  if (!SWEEP_EVENTS.has(event.name)) {
    throw new ConfigurationError(
      `mode preview-sweep runs on schedule and workflow_dispatch events; this is a '${event.name || 'unknown'}' event. Pull requests use mode preview.`,
      Inputs.Mode,
    );
  }
  if (!settings.kubeconfig) {
    throw new ConfigurationError("mode preview-sweep needs the preview cluster: set the input 'kubeconfig' (or a KUBECONFIG file).", Inputs.Kubeconfig);
  }
  if (!deps.github) {
    throw new ConfigurationError(
      "mode preview-sweep asks GitHub whether each preview's pull request is still open: set the input 'github-token' (pull-requests: write, deployments: write).",
      Inputs.GithubToken,
    );
  }
  return deps.github;
}

async function decide(candidate: SweepCandidate, settings: Settings, event: GitHubEvent, deps: ApplyModeDeps, github: GitHubApi): Promise<SweepRow> {
  const { preview } = candidate;
  const now = deps.now().getTime();
  const pr = isExpired(candidate, now) ? undefined : await pullRequestNow(github, preview.number, deps);
  const verdict = sweepVerdict(candidate, pr, now);
  const row = { namespace: preview.namespace, outcome: verdict.outcome, why: verdict.why };
  if (verdict.outcome === 'unreadable') deps.logger.warning(`Kept ${preview.namespace}: ${verdict.why}.`);
  if (verdict.outcome !== 'swept') {
    if (verdict.outcome === 'live') deps.logger.info(`Live: ${preview.namespace}: ${verdict.why}.`);
    return row;
  }
  deps.logger.info(`Sweeping ${preview.namespace}: ${verdict.why}.`);
  try {
    const run = await previewRun(settings, event, deps, preview.number, {
      summary: false,
      ...(candidate.appliedCommit ? { commit: candidate.appliedCommit } : {}),
    });
    await teardownPreview(run, true, { comment: `Removed by the scheduled preview sweep: ${verdict.why}.`, deployment: `Swept (${verdict.why})` });
    return row;
  } catch (error) {
    const message = deps.redactor.redactString(getErrorMessage(error));
    deps.logger.error(`Sweeping ${preview.namespace} failed: ${message}`);
    return { namespace: preview.namespace, outcome: 'failed', why: `${verdict.why}, but removing it failed: ${message}` };
  }
}

async function pullRequestNow(github: GitHubApi, number: number, deps: ApplyModeDeps): Promise<PullRequestNow> {
  try {
    return await github.pullRequest(number);
  } catch (error) {
    return { unreadable: deps.redactor.redactString(getErrorMessage(error)) };
  }
}

function failureOf(rows: readonly SweepRow[]): string | undefined {
  const unread = rows.filter((r) => r.outcome === 'unreadable').map((r) => r.namespace);
  const failed = rows.filter((r) => r.outcome === 'failed').map((r) => r.namespace);
  const parts = [
    ...(unread.length > 0 ? [`GitHub could not say whether the pull request of ${unread.join(', ')} is closed, so it was kept`] : []),
    ...(failed.length > 0 ? [`removing ${failed.join(', ')} failed`] : []),
  ];
  return parts.length > 0 ? `The preview sweep is incomplete: ${parts.join('; ')}. See the job summary.` : undefined;
}
