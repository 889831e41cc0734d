// Which targets a pull request reaches: a target is planned when a changed path is one of its
// inputs (target-inputs.ts states the rule) or its settings in the targets file changed
// (targets-file-change.ts); the others are "not planned: no input changed". The selection fails
// open: when the changed files cannot be told, or the repository's top cannot be found, or the
// targets file changed and its base version cannot be read, every target is planned and the reason
// said; a target whose load fails is planned with the load's reason, so its plan shows the error.
// Charts a load pulled from a repository (a read set's `written` paths) select nothing by
// themselves: their content is not in the diff, and their version pins are in files that are.
import path from 'node:path';
import { repositoryTop } from '../git/commit-diff.js';
import { openWorkspace } from '../load/workspace-boundary.js';
import { getErrorMessage } from '../model/errors.js';
import type { Logger } from '../model/logger.js';
import type { SecretRedactor } from '../redaction/secret-redactor.js';
import { firstLine } from '../text/first-line.js';
import type { ChangedFiles } from './changed-files.js';
import { locateChanges, type ChangedLocation } from './changed-locations.js';
import type { FleetTarget } from './fleet-target.js';
import { inputReason } from './target-inputs.js';
import { loadReadSetWith, loadTargetInputs, type LoadReadSet, type TargetLoad } from './target-loads.js';
import { changedEntries, type BaseTargets } from './targets-file-change.js';

/** One target and whether the pull request reaches it, with why (plain text; paths and names in it are data). */
export type TargetSelection = { target: FleetTarget; selected: true; why: string } | { target: FleetTarget; selected: false; why: 'no input changed' };

export interface Selection {
  /** Every target, in the targets file's order. */
  targets: TargetSelection[];
  /** Why every target is planned, when the selection failed open as a whole. */
  failedOpen?: string;
  /** Where the list of changed files came from, when it was had. */
  changesFrom?: string;
}

export interface SelectionRequest {
  /** The targets at the head, in the targets file's order. */
  targets: readonly FleetTarget[];
  changed: ChangedFiles;
  /** The workspace the targets' paths are relative to (the head's checkout). */
  workspace: string;
  /** The directory the changed paths are relative to; default: the top of the workspace's git clone. */
  repositoryTop?: string;
  /** The targets file (workspace-relative) and a way to read its targets at the base. */
  targetsFile: { path: string; atBase: BaseTargets };
}

export interface SelectionDeps {
  logger: Logger;
  redactor: SecretRedactor;
  /** How a target's read set is had; default: the loader, without a cluster. */
  load?: LoadReadSet;
  loadsAtOnce?: number;
}

export async function selectTargets(request: SelectionRequest, deps: SelectionDeps): Promise<Selection> {
  const { targets, changed } = request;
  if (!changed.known) return everyTarget(targets, `which files changed cannot be told: ${changed.reason}`);
  const top = request.repositoryTop ?? (await topOf(request.workspace));
  if (typeof top !== 'string') return everyTarget(targets, top.error);
  const ws = await openWorkspace(request.workspace);
  const located = await locateChanges(changed.paths, top, ws);
  const file = request.targetsFile.path;
  const [fileAt] = await locateChanges([path.resolve(ws.root, file)], ws.root, ws);
  const isTargetsFile = (l: ChangedLocation) => l.forms.some((f) => fileAt?.forms.includes(f));
  let entries = new Map<string, string>();
  if (located.some(isTargetsFile)) {
    const base = await request.targetsFile.atBase().catch((error: unknown) => ({ error }));
    if ('error' in base) return everyTarget(targets, `\`${file}\` changed and its version at the base cannot be read (${reasonOf(base.error, deps.redactor)})`);
    entries = changedEntries(targets, base, file);
  }
  const inputs = located.filter((l) => l.forms.length > 0 && !isTargetsFile(l));
  const changesFrom = changed.from;
  if (inputs.length === 0) return { targets: targets.map((t) => decide(t, entries.get(t.name), undefined, [])), changesFrom };
  const loads = await loadTargetInputs(targets, ws, { ...deps, load: deps.load ?? loadReadSetWith(deps.redactor) });
  return { targets: targets.map((t, i) => decide(t, entries.get(t.name), loads[i], inputs)), changesFrom };
}

function decide(target: FleetTarget, entryChange: string | undefined, load: TargetLoad | undefined, changes: readonly ChangedLocation[]): TargetSelection {
  if (entryChange !== undefined) return { target, selected: true, why: entryChange };
  if (load && !load.ok) return { target, selected: true, why: `its load fails, so its plan shows why: ${load.reason}` };
  if (load?.ok) {
    const reached = changes.flatMap((c) => {
      const why = inputReason(c, load.inputs);
      return why === undefined ? [] : [`\`${c.listed}\` changed (${why})`];
    });
    const [first, ...more] = reached;
    if (first !== undefined) return { target, selected: true, why: more.length === 0 ? first : `${first}, and ${more.length} more of its inputs` };
  }
  return { target, selected: false, why: 'no input changed' };
}

function everyTarget(targets: readonly FleetTarget[], reason: string): Selection {
  return { targets: targets.map((target) => ({ target, selected: true, why: `every target is planned: ${reason}` })), failedOpen: reason };
}

/** Every target, planned for `why` (an event that is not a pull request: a push, a schedule, a manual run). */
export function everyTargetPlanned(targets: readonly FleetTarget[], why: string): Selection {
  return { targets: targets.map((target) => ({ target, selected: true, why })) };
}

async function topOf(workspace: string): Promise<string | { error: string }> {
  const found = await repositoryTop(workspace);
  return 'top' in found ? found.top : { error: `the changed paths cannot be placed in the workspace: ${found.error}` };
}

function reasonOf(error: unknown, redactor: SecretRedactor): string {
  return redactor.redactString(firstLine(getErrorMessage(error)));
}
