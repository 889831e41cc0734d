// Who approved this workflow run for the target's environment (the `environment` input, else the
// targets file's, else the target's name: the environment its GitHub Deployment is recorded in),
// read from GitHub at most once per run, so a token without `actions: read` warns once. Without a
// token or a run id (GITHUB_RUN_ID) there is nothing to read and no approver.
import { findRunApproval, type RunApproval } from '../github/run-approval.js';
import type { Settings } from '../settings/settings.js';
import type { GitHubEvent } from './github-event.js';
import type { ModeDeps } from './mode-deps.js';

/** The GitHub environment a target deploys to. */
export function environmentOf(settings: Pick<Settings, 'environment' | 'target'>): string {
  return settings.environment ?? settings.target;
}

/** The lookup of this run's approval, read on the first call; undefined when nothing can be read. */
export function runApprovalLookup(
  settings: Settings,
  event: Pick<GitHubEvent, 'runId'>,
  deps: Pick<ModeDeps, 'github' | 'logger' | 'redactor'>,
): (() => Promise<RunApproval | undefined>) | undefined {
  const { github, logger, redactor } = deps;
  const runId = event.runId;
  if (!github || runId === undefined) return undefined;
  let read: Promise<RunApproval | undefined> | undefined;
  return () => (read ??= findRunApproval(runId, environmentOf(settings), { github, logger, redactor }));
}
