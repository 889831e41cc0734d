// Each target's inputs, as its own load finds them: the manifests are loaded (several targets at
// once) without a cluster, charts rendering with helm's built-in Capabilities, with the run's
// redactor (a decrypted value or a Secret's is registered before any message naming it leaves) and
// each target's log held until its load ends, then written in the targets' order. Nothing is
// written anywhere. A load that fails answers its one-line reason, redacted, instead.
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { mapLimit } from '../concurrency/map-limit.js';
import { parseExcludes } from '../load/exclude-globs.js';
import type { ReadSet } from '../load/read-set.js';
import { isWithin, relativePath, type Workspace } from '../load/workspace-boundary.js';
import { ManifestError, getErrorMessage } from '../model/errors.js';
import { HeldLogger, type Logger } from '../model/logger.js';
import { formatProblem } from '../model/problem.js';
import type { SecretRedactor } from '../redaction/secret-redactor.js';
import { loadWithReads } from '../run/load-stage.js';
import type { Settings } from '../settings/settings.js';
import { firstLine } from '../text/first-line.js';
import type { FleetTarget } from './fleet-target.js';
import { pathEntry, type TargetInputs } from './target-inputs.js';

/** Loads a target's manifests and answers what the load read (the port the selection loads through; tests may pass their own). */
export type LoadReadSet = (settings: Settings, logger: Logger) => Promise<ReadSet>;

/** The loader as every front end runs it, with no cluster (no Capabilities source: helm's built-in ones). */
export function loadReadSetWith(redactor: SecretRedactor): LoadReadSet {
  return async (settings, logger) => (await loadWithReads(settings, logger, redactor)).reads;
}

export type TargetLoad = { ok: true; inputs: TargetInputs } | { ok: false; reason: string };

/** Loads at once. */
export const DEFAULT_LOADS_AT_ONCE = 4;

/** Each target's inputs, or why its load failed, in the targets' order. */
export async function loadTargetInputs(
  targets: readonly FleetTarget[],
  ws: Workspace,
  deps: { load: LoadReadSet; logger: Logger; redactor: SecretRedactor; loadsAtOnce?: number },
): Promise<TargetLoad[]> {
  const held = targets.map(() => new HeldLogger(deps.logger));
  const settled = await mapLimit<FleetTarget, TargetInputs>(targets, deps.loadsAtOnce ?? DEFAULT_LOADS_AT_ONCE, async (t, i) => {
    const reads = await deps.load(t.settings, held[i] ?? deps.logger);
    return {
      reads,
      files: new Set(reads.files),
      entries: await Promise.all(t.settings.paths.map(async (e) => pathEntry(e, await realForm(ws, e)))),
      excluded: parseExcludes(t.settings.exclude),
    };
  });
  return settled.map((s, i): TargetLoad => {
    held[i]?.flush();
    return s.ok ? { ok: true, inputs: s.value } : { ok: false, reason: deps.redactor.redactString(failureLine(s.error)) };
  });
}

/** A `path` entry's real workspace-relative path, when it exists inside the workspace. */
async function realForm(ws: Workspace, entry: string): Promise<string | undefined> {
  const real = await realpath(path.resolve(ws.root, entry)).catch(() => undefined);
  return real !== undefined && isWithin(ws.realRoot, real) ? relativePath(ws.realRoot, real) : undefined;
}

/** One line: the problem itself when the load found one or several, else the error's first line. */
function failureLine(error: unknown): string {
  if (error instanceof ManifestError && error.problems.length > 1 && error.problems[0])
    return `${error.problems.length} invalid manifests, the first: ${firstLine(formatProblem(error.problems[0]))}`;
  return firstLine(getErrorMessage(error));
}
