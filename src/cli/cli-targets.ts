// `kube-gitops targets [--base REF] [--targets-file FILE]`: the fleet's matrix from a terminal, the
// same `matrix` output `mode: targets` sets (src/fleet/target-matrix.ts), on stdout; the selection
// (which targets and why, src/fleet/selection-summary.ts) and where the changed files came from on
// stderr. The changed files are the branch's commits since its base (branch-changes.ts); without a
// base, every target, and why. Reaches no cluster.
import { branchSelection } from '../fleet/fleet-selection.js';
import { selectionLogLines } from '../fleet/selection-summary.js';
import { matrixOutput } from '../fleet/target-matrix.js';
import { uncommittedFiles } from '../git/uncommitted-files.js';
import type { Logger } from '../model/logger.js';
import { RedactingLogger } from '../redaction/redacting-logger.js';
import type { SecretRedactor } from '../redaction/secret-redactor.js';
import { readSettings } from '../settings/read-settings.js';
import { splitSettings } from '../settings/settings.js';
import { branchChanges } from './branch-changes.js';
import type { ParsedCommandLine } from './cli-flags.js';
import type { CliIo } from './cli-io.js';
import { StderrLogger } from './stderr-logger.js';

export async function cliTargets(line: ParsedCommandLine, io: CliIo, redactor: SecretRedactor): Promise<number> {
  const step = (name: string): string => line.inputs.get(name) ?? '';
  // The run's settings from the one flag `targets` takes; no kubeconfig is read (no cluster is reached).
  const { run } = splitSettings({ ...readSettings(step, { GITHUB_WORKSPACE: io.cwd }), mode: 'targets' });
  const logger = new RedactingLogger(new StderrLogger(io.stderr, io.env.KUBE_GITOPS_DEBUG === 'true'), redactor);
  const branch = await branchChanges(run.workspace, line.flags.get('base'));
  const { targets, selection } = await branchSelection({
    step,
    run,
    ...(branch.baseSha === undefined ? {} : { baseSha: branch.baseSha }),
    changed: branch.changed,
    logger,
    redactor,
  });
  if (branch.base !== undefined) logger.info(`Base: ${branch.base}`);
  for (const text of selectionLogLines(selection)) logger.info(text);
  if (selection.failedOpen !== undefined) logger.warning(`Every target is planned: ${selection.failedOpen}`);
  if (selection.changesFrom !== undefined) logger.info(`Changed files: ${selection.changesFrom}.`);
  await warnUncommitted(
    run.workspace,
    targets.flatMap((t) => t.settings.paths),
    logger,
  );
  io.stdout(`${matrixOutput(selection.targets)}\n`);
  return 0;
}

/** Changes not committed under the targets' paths are not in the matrix: say so, as they would be in a plan. */
async function warnUncommitted(workspace: string, paths: readonly string[], logger: Logger): Promise<void> {
  const status = await uncommittedFiles(workspace, paths);
  if ('files' in status && status.files.length > 0)
    logger.warning(`${status.files.length} file(s) under the targets' paths differ from HEAD (changed, untracked or ignored): the matrix counts commits only.`);
}
