// Merges: load → plan → apply → prune → wait, then report (summary, outputs, merged PR comment).
// A refusal (invalid manifests, plan problems, an empty set, an older commit) is reported as fully
// as an apply, then fails the step with one short line.
import { ConfigurationError } from '../errors.js';
import { refusalLine, refusalOf } from '../run/refusal.js';
import { applySettingsOf } from '../run/engine-settings.js';
import { runApply, type ApplyReport, type CommitOrder } from '../run/apply-run.js';
import { liveCapabilities } from '../run/live-capabilities.js';
import { loadDesired } from '../run/load-stage.js';
import type { Settings } from '../settings/settings.js';
import { publishApplyReport, publishRefusal } from './apply-publish.js';
import type { GitHubEvent } from './github-event.js';
import type { ModeDeps } from './plan-mode.js';
import { optionalGate } from './signing-gate.js';

export async function runApplyMode(settings: Settings, event: GitHubEvent, deps: ModeDeps & { version: string }): Promise<ApplyReport> {
  if (!settings.kubeconfig) {
    throw new ConfigurationError("mode apply needs a cluster: set the input 'kubeconfig' (or a KUBECONFIG file).", 'kubeconfig');
  }
  let report: ApplyReport;
  try {
    report = await loadAndApply(settings, event, deps);
  } catch (error) {
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    await publishRefusal(refusal, settings, event, deps);
    throw new ConfigurationError(refusalLine(refusal), refusal.input);
  }
  await publishApplyReport(report, settings, event, deps);
  return report;
}

async function loadAndApply(settings: Settings, event: GitHubEvent, deps: ModeDeps & { version: string }): Promise<ApplyReport> {
  const { logger } = deps;
  const desired = await logger.group('Load manifests', () => loadDesired(settings, logger, deps.redactor, liveCapabilities(deps.makeClient, logger)));
  const github = deps.github;
  const compareCommits = github ? async (base: string, head: string): Promise<CommitOrder> => (await github.compareCommits(base, head)).status : undefined;
  return runApply(desired, applySettingsOf(settings, event.sha), {
    client: deps.makeClient(),
    logger,
    version: deps.version,
    now: () => new Date(),
    redactor: deps.redactor,
    ...(compareCommits ? { compareCommits } : {}),
    ...optionalGate(settings, event.sha, deps),
  });
}
