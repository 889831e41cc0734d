// `mode: targets`: the fleet's first step. Reads the targets file, decides which targets the run
// reaches (src/fleet/fleet-selection.ts: on a pull request those whose inputs changed, failing
// open; otherwise every target) and sets the `matrix` output for `strategy.matrix` (and `rings`, the
// same split by ring for one job per ring), with the
// selection and why in the log and the job summary. Reaches no cluster.
import * as core from '@actions/core';
import { fleetSelection, type FleetSelection } from '../fleet/fleet-selection.js';
import { selectionLogLines, selectionMarkdown } from '../fleet/selection-summary.js';
import { matrixOutput, ringMatricesOutput } from '../fleet/target-matrix.js';
import { Inputs, Outputs } from '../model/inputs-outputs.js';
import { targetsFileName } from '../settings/fleet-targets.js';
import { inputDefault } from '../settings/input-defaults.js';
import { reviewedPlansLine } from './reviewed-plans-link.js';
import type { RunSettings } from '../settings/settings.js';
import type { GitHubEvent } from './github-event.js';
import type { ModeDeps } from './mode-deps.js';
import { writeSummary } from './surfaces/runner-writes.js';

export async function runTargetsMode(run: RunSettings, event: GitHubEvent, deps: ModeDeps): Promise<string> {
  const { selection } = await selectionOfEvent(run, event, deps);
  for (const line of selectionLogLines(selection)) deps.logger.info(line);
  if (selection.failedOpen !== undefined) deps.logger.warning(`Every target is planned: ${selection.failedOpen}`);
  const matrix = matrixOutput(selection.targets);
  core.setOutput(Outputs.Matrix, matrix);
  core.setOutput(Outputs.Rings, ringMatricesOutput(selection.targets));
  const reviewed = event.name === 'push' && deps.github ? ['', await reviewedPlansLine(deps.github, event.sha, fleetName())] : [];
  await writeSummary(deps.redactor.redactString([selectionMarkdown(selection), ...reviewed].join('\n')));
  return matrix;
}

/**
 * The fleet's name: empty for the default targets file, else the file's name, so that a repository
 * with several targets files keeps one comment and one drift summary per fleet.
 */
export function fleetName(): string {
  const file = targetsFileName((name) => core.getInput(name));
  return file === inputDefault(Inputs.TargetsFile) ? '' : file;
}

/** The targets this event reaches: both fleet steps compute it alike from the same commit, so they agree. */
export function selectionOfEvent(run: RunSettings, event: GitHubEvent, deps: ModeDeps): Promise<FleetSelection> {
  return fleetSelection({
    step: (name) => core.getInput(name),
    run,
    ...(event.pullRequest ? { pullRequest: event.pullRequest } : {}),
    otherwise: eventWords(event),
    ...(deps.github ? { github: deps.github } : {}),
    logger: deps.logger,
    redactor: deps.redactor,
  });
}

/** The event, as a sentence says it. */
export function eventWords(event: GitHubEvent): string {
  if (event.name === 'push') return 'a push';
  if (event.name === 'schedule') return 'a schedule';
  if (event.name === 'workflow_dispatch') return 'a manual run';
  return `a '${event.name}' event`;
}
