// Which targets of the targets file a run reaches, for both fleet steps (`mode: targets` sets the
// matrix from it; `mode: fleet` names the others "not planned") and the command line: on a pull
// request the targets whose inputs changed (select-targets.ts, failing open), otherwise every
// target; from a terminal (branchSelection), the targets whose inputs the branch changed. The two steps compute it alike from the same commit, so they agree.
import type { GitHubApi } from '../github/github-port.js';
import { fileAtCommit } from '../git/commit-diff.js';
import type { Logger } from '../model/logger.js';
import type { SecretRedactor } from '../redaction/secret-redactor.js';
import { fleetTargetsOfText, readFleetTargets, targetsFileName, type FleetTarget as FileTarget } from '../settings/fleet-targets.js';
import type { InputReader } from '../settings/input-reader.js';
import { targetSettings, type RunSettings } from '../settings/settings.js';
import { pullRequestChangedFiles, type ChangedFiles } from './changed-files.js';
import type { FleetTarget } from './fleet-target.js';
import { everyTargetPlanned, selectTargets, type Selection } from './select-targets.js';

export interface FleetSelectionRequest {
  /** The step's inputs (the targets file's name; nothing else of them is read here). */
  step: InputReader;
  run: RunSettings;
  /** On a pull request: its number and commits. */
  pullRequest?: { number: number; baseSha: string; headSha: string };
  /** What the run is, said of every target when it is not a pull request (`a push`, `a schedule`). */
  otherwise: string;
  github?: GitHubApi;
  /** The changed files, when the caller has them already (the command line's git diff). */
  changed?: ChangedFiles;
  logger: Logger;
  redactor: SecretRedactor;
}

export interface FleetSelection {
  /** Every target of the file, in its order. */
  targets: FleetTarget[];
  selection: Selection;
}

/** A target of the file with the run's settings: what its pipeline would read. */
export function withRunSettings(run: RunSettings, t: FileTarget): FleetTarget {
  return {
    name: t.name,
    settings: targetSettings(run, t.settings),
    ...(t.kubeconfigSecret === undefined ? {} : { kubeconfigSecret: t.kubeconfigSecret }),
    ...(t.ring === undefined ? {} : { ring: t.ring }),
  };
}

export async function fleetSelection(request: FleetSelectionRequest): Promise<FleetSelection> {
  const { run, step } = request;
  const targets = fileTargets(step, run);
  const pr = request.pullRequest;
  if (!pr) return { targets, selection: everyTargetPlanned(targets, `every target runs on ${request.otherwise}`) };
  const changed =
    request.changed ??
    (await pullRequestChangedFiles({
      ...(request.github ? { github: request.github } : {}),
      pullNumber: pr.number,
      workspace: run.workspace,
      baseSha: pr.baseSha,
      headSha: pr.headSha,
    }));
  return { targets, selection: await selectAgainst(targets, changed, pr.baseSha, request) };
}

/** A branch from a terminal (`kube-gitops targets`): what changed since its base; no base: changed files that cannot be told, so every target. */
export interface BranchSelectionRequest extends Pick<FleetSelectionRequest, 'step' | 'run' | 'logger' | 'redactor'> {
  /** The base commit the changes are counted from (the merge base), when there is one. */
  baseSha?: string;
  changed: ChangedFiles;
}

export async function branchSelection(request: BranchSelectionRequest): Promise<FleetSelection> {
  const targets = fileTargets(request.step, request.run);
  return { targets, selection: await selectAgainst(targets, request.changed, request.baseSha ?? '', request) };
}

function fileTargets(step: InputReader, run: RunSettings): FleetTarget[] {
  return readFleetTargets(step, { GITHUB_WORKSPACE: run.workspace }).map((t) => withRunSettings(run, t));
}

/** The selection on `changed`; the targets file's base version read at `baseSha` when it changed. */
async function selectAgainst(
  targets: FleetTarget[],
  changed: ChangedFiles,
  baseSha: string,
  request: Pick<FleetSelectionRequest, 'step' | 'run' | 'logger' | 'redactor'>,
): Promise<Selection> {
  const { run } = request;
  const file = targetsFileName(request.step);
  const atBase = async (): Promise<FleetTarget[]> => {
    const base = await fileAtCommit(run.workspace, baseSha, file);
    if ('error' in base) throw new Error(base.error);
    return fleetTargetsOfText(file, base.text, run.workspace).map((t) => withRunSettings(run, t));
  };
  return selectTargets(
    { targets, changed, workspace: run.workspace, targetsFile: { path: file, atBase } },
    { logger: request.logger, redactor: request.redactor },
  );
}
