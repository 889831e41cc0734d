// `mode: fleet`: the fleet's last step. Reads every plan file the matrix jobs left in `plans`
// (as data: src/fleet/plan-file-read.ts) and, on a pull request, posts one sticky comment for the
// whole fleet (src/fleet/fleet-markdown.ts); on a push, one rollout comment on the merged pull request
// (fleet-rollout.ts); the targets the pull request does not reach are named
// "not planned", a missing, stale or unreadable plan file is named too, and the step fails after
// posting when any target failed. On a schedule or a manual run it keeps the fleet's one drift
// summary issue (fleet-drift-summary.ts). Reaches no cluster.
import * as core from '@actions/core';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { fleetDriftSummary, type FleetDriftTarget } from '../fleet/fleet-drift-summary.js';
import { renderFleetMarkdown } from '../fleet/fleet-markdown.js';
import { fleetFailures, fleetMembers, type Fleet, type FleetMember } from '../fleet/fleet-members.js';
import { readPlanFiles, type PlanFileSet } from '../fleet/plan-file-read.js';
import { DRIFT_LABEL, fleetDriftMarker, ownIssueWithMarker, syncDriftIssue } from '../github/drift-issue.js';
import { ownIdentity } from '../github/own-identity.js';
import { fleetMarker, stickyMarker, upsertStickyComment } from '../github/sticky-comment.js';
import { isWithin } from '../load/workspace-boundary.js';
import { ConfigurationError } from '../model/errors.js';
import { Inputs, Outputs } from '../model/inputs-outputs.js';
import { hasChanges } from '../model/plan.js';
import type { SecretRedactor } from '../redaction/secret-redactor.js';
import { readFleetTargets } from '../settings/fleet-targets.js';
import type { RunSettings } from '../settings/settings.js';
import type { GitHubEvent } from './github-event.js';
import type { ModeDeps } from './mode-deps.js';
import { unlessForbidden } from './surfaces/permission-warning.js';
import { COMMENT_MAX_BYTES, SUMMARY_MAX_BYTES, writeSummary } from './surfaces/runner-writes.js';
import { eventWords, fleetName, selectionOfEvent } from './targets-mode.js';
import { fleetRollout } from './fleet-rollout.js';

export async function runFleetMode(run: RunSettings, event: GitHubEvent, deps: ModeDeps): Promise<void> {
  const plans = readPlanFiles(plansDirectory(core.getInput(Inputs.Plans), run.workspace));
  for (const note of plans.notes) deps.logger.warning(note);
  if (event.pullRequest) return fleetComment(run, event, plans, deps);
  if (event.name === 'schedule' || event.name === 'workflow_dispatch') return fleetDrift(run, event, plans, deps);
  if (event.name === 'push') return fleetRollout(run, event, plans, fleetName(), deps);
  throw new ConfigurationError(
    `mode: fleet gathers a pull request's plans into one comment, a push's applies into one rollout comment on the merged pull request, or a scheduled drift check into one issue; on ${eventWords(event)} there is nothing to gather.`,
    Inputs.Mode,
  );
}

/** The `plans` input, a directory inside the workspace (download-artifact's `path`). */
function plansDirectory(given: string, workspace: string): string {
  const name = given.trim();
  if (name === '')
    throw new ConfigurationError(`mode: fleet needs the input '${Inputs.Plans}': the directory the plan files were downloaded to.`, Inputs.Plans);
  const abs = path.resolve(workspace, name);
  let real: string;
  try {
    real = realpathSync(abs);
  } catch {
    throw new ConfigurationError(
      `Input '${Inputs.Plans}': '${name}' does not exist in the workspace (were the plan artifacts downloaded there?).`,
      Inputs.Plans,
    );
  }
  if (!isWithin(realpathSync(workspace), real)) throw new ConfigurationError(`Input '${Inputs.Plans}': '${name}' is outside the workspace.`, Inputs.Plans);
  return real;
}

async function fleetComment(run: RunSettings, event: GitHubEvent, plans: PlanFileSet, deps: ModeDeps): Promise<void> {
  const pr = event.pullRequest;
  if (!pr) return;
  const { targets, selection } = await selectionOfEvent(run, event, deps);
  const notPlanned = new Map(selection.targets.flatMap((s) => (s.selected ? [] : [[s.target.name, s.why] as const])));
  const fleet = fleetMembers({ plans, targets: targets.map((t) => t.name), notPlanned, head: event.sha, pullRequest: pr.number });
  const repoUrl = `${event.serverUrl}/${event.owner}/${event.repo}`;
  const render = (maxBytes: number) =>
    redactBelowRecords(
      renderFleetMarkdown(fleet, { maxBytes, runUrlPrefix: `${repoUrl}/actions/runs/`, commitUrl: `${repoUrl}/commit/${event.sha}`, name: fleetName() }),
      deps.redactor,
    );
  await writeSummary(render(SUMMARY_MAX_BYTES));
  core.setOutput(Outputs.HasChanges, String(fleet.members.some((m) => m.kind === 'planned' && hasChanges(m.file.plan))));
  const { github } = deps;
  if (run.comment && github) {
    await unlessForbidden(deps.logger, 'The token cannot comment on this pull request; the fleet plan is in the job summary.', async () => {
      const result = await upsertStickyComment(github, { issueNumber: pr.number, marker: fleetMarker(fleetName()), body: render(COMMENT_MAX_BYTES) });
      if (result.untrusted) deps.logger.warning(`No earlier fleet comment could be recognised as this token's (${result.untrusted}); posted a new one.`);
      deps.logger.info(`Fleet comment ${result.action}: ${result.url}`);
      core.setOutput(Outputs.CommentUrl, result.url);
    });
  } else if (run.comment) deps.logger.warning('No github-token: the fleet plan is in the job summary only.');
  const failures = fleetFailures(fleet);
  if (failures.length > 0) core.setFailed(`${failures.join('; ')}: see the fleet comment and the job summary.`);
}

/**
 * The comment's marker and review records lead it and hold only what is public (target names,
 * numbers, commits, digests): left as written, so no registered value can mask them. Below them,
 * every line passes through the run's redactor.
 */
function redactBelowRecords(body: string, redactor: SecretRedactor): string {
  const lines = body.split('\n');
  let kept = 1;
  while (kept < lines.length && lines[kept]?.startsWith('<!-- kube-gitops:review ')) kept++;
  return [...lines.slice(0, kept), redactor.redactString(lines.slice(kept).join('\n'))].join('\n');
}

async function fleetDrift(run: RunSettings, event: GitHubEvent, plans: PlanFileSet, deps: ModeDeps): Promise<void> {
  const names = readFleetTargets((name) => core.getInput(name), { GITHUB_WORKSPACE: run.workspace }).map((t) => t.name);
  const fleet = fleetMembers({ plans, targets: names, notPlanned: new Map(), head: event.sha });
  const { github } = deps;
  const own = github ? await ownIdentity(github) : undefined;
  const issues = github && own?.known ? await github.listIssues([DRIFT_LABEL]) : [];
  const targets = driftTargets(fleet, names).map((t): FleetDriftTarget => {
    const issue = t.state === 'differs' && own ? ownIssueWithMarker(issues, stickyMarker('drift', t.target), own) : undefined;
    return issue && issue.state === 'open' ? { ...t, issue: { number: issue.number, url: issue.url } } : t;
  });
  const summary = fleetDriftSummary(targets, event.sha, event.runUrl);
  await writeSummary(deps.redactor.redactString(summary.body));
  const differs = targets.some((t) => t.state === 'differs');
  core.setOutput(Outputs.Drift, String(differs));
  if (github) {
    await unlessForbidden(deps.logger, 'The token cannot write issues (it needs `issues: write`); the fleet drift summary is in the job summary.', async () => {
      const synced = await syncDriftIssue(github, {
        target: 'fleet',
        marker: fleetDriftMarker(fleetName()),
        differs: summary.open,
        title: summary.title,
        body: deps.redactor.redactString(summary.body),
        closingComment: summary.closingComment,
      });
      if (synced.issue) deps.logger.info(`Fleet drift issue #${synced.issue.number} ${synced.action}: ${synced.issue.url}`);
    });
  } else deps.logger.warning('No github-token: the fleet drift summary is in the job summary only.');
  const unchecked = targets.filter((t) => t.state === 'unchecked').length;
  if (unchecked > 0) core.setFailed(`${unchecked} target(s) could not be checked for drift: see the fleet drift summary.`);
  else if (differs && run.failOnDrift) core.setFailed('Targets differ from Git (fail-on-drift: true); see the fleet drift summary.');
}

/** Each declared target's drift state from its plan file. */
function driftTargets(fleet: Fleet, names: readonly string[]): FleetDriftTarget[] {
  const byName = new Map(fleet.members.flatMap((m): [string, FleetMember][] => (m.kind === 'unreadable' ? [] : [[m.target, m]])));
  return names.map((target): FleetDriftTarget => {
    const m = byName.get(target);
    const runUrl = m && 'file' in m && m.kind !== 'unreadable' ? m.file.run.runUrl : undefined;
    const at = runUrl ? { runUrl } : {};
    if (!m || m.kind === 'missing') return { target, state: 'unchecked', reason: 'no plan file from its drift check' };
    if (m.kind === 'planned' && m.file.run.report === 'drift') return { target, state: m.file.run.drifted ? 'differs' : 'matches', ...at };
    if (m.kind === 'planned') return { target, state: 'unchecked', reason: `its plan file is of a ${m.file.run.report}, not a drift check`, ...at };
    if (m.kind === 'failed') return { target, state: 'unchecked', reason: m.why[0] ?? 'its check failed', ...at };
    if (m.kind === 'stale') return { target, state: 'unchecked', reason: m.why, ...at };
    return { target, state: 'unchecked', reason: m.kind, ...at };
  });
}
