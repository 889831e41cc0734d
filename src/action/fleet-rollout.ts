// `mode: fleet` on a push: the fleet's rollout of the merged commit as one comment on the merged pull
// request (and the job summary), from the plan files the apply jobs left: every ring in rollout
// order and every target, applied and healthy, failed, stopped before writing, or not run, and why.
// The step fails when any target did not apply the commit healthy. Reaches no cluster.
import * as core from '@actions/core';
import { renderRolloutMarkdown } from '../fleet/rollout-markdown.js';
import { rolloutRows } from '../fleet/rollout-rows.js';
import type { PlanFileSet } from '../fleet/plan-file-read.js';
import { mergedPullRequest } from '../github/merged-pull-request.js';
import { rolloutMarker, upsertStickyComment } from '../github/sticky-comment.js';
import { fitBytes } from '../render/byte-budget.js';
import { readFleetRollout } from '../settings/fleet-targets.js';
import type { RunSettings } from '../settings/settings.js';
import type { GitHubEvent } from './github-event.js';
import type { ModeDeps } from './mode-deps.js';
import { unlessForbidden } from './surfaces/permission-warning.js';
import { COMMENT_MAX_BYTES, writeSummary } from './surfaces/runner-writes.js';

export async function fleetRollout(run: RunSettings, event: GitHubEvent, plans: PlanFileSet, name: string, deps: ModeDeps): Promise<void> {
  const { targets, rings } = readFleetRollout((input) => core.getInput(input), { GITHUB_WORKSPACE: run.workspace });
  const rows = rolloutRows(
    plans,
    targets.map((t) => ({ name: t.name, ...(t.ring === undefined ? {} : { ring: String(t.ring) }), ...(t.environment ? { environment: t.environment } : {}) })),
    event.sha,
  );
  const repoUrl = `${event.serverUrl}/${event.owner}/${event.repo}`;
  const marker = rolloutMarker(name);
  const body = renderRolloutMarkdown(rows, {
    marker,
    sha: event.sha,
    commitUrl: `${repoUrl}/commit/${event.sha}`,
    runUrlPrefix: `${repoUrl}/actions/runs/`,
    rings,
  });
  const text = [marker, deps.redactor.redactString(body.slice(marker.length + 1))].join('\n');
  await writeSummary(text);
  const { github } = deps;
  if (run.comment && github) {
    await unlessForbidden(deps.logger, 'The token cannot comment on the merged pull request; the rollout is in the job summary.', async () => {
      const merged = await mergedPullRequest(github, event.sha);
      if (!merged) {
        deps.logger.info(`No pull request is associated with ${event.sha.slice(0, 7)}: the rollout is in the job summary only.`);
        return;
      }
      const result = await upsertStickyComment(github, { issueNumber: merged.number, marker, body: fitBytes(text, COMMENT_MAX_BYTES) });
      deps.logger.info(`Rollout comment ${result.action} on #${merged.number}: ${result.url}`);
    });
  }
  const short = rows.filter((r) => r.state !== 'applied');
  if (short.length > 0)
    core.setFailed(
      `${short.length} of ${rows.length} target(s) did not apply ${event.sha.slice(0, 7)} healthy (${short.map((r) => r.target).join(', ')}): see the rollout comment and the job summary.`,
    );
}
