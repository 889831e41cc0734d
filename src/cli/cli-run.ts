// What both commands set up the same way: the settings from the flags, the run assembled as the
// Action's is (src/assembly: the redactor, the logger, the target's engine), and the commit.
import { assembleRun, onlyTarget } from '../assembly/assemble-run.js';
import type { SecretRedactor } from '../redaction/secret-redactor.js';
import type { Engine } from '../run/engine.js';
import type { Settings } from '../settings/settings.js';
import type { ParsedCommandLine } from './cli-flags.js';
import type { CliIo } from './cli-io.js';
import { cliSettings } from './cli-settings.js';
import { headCommit } from './local-git.js';
import { progressLines } from './progress-lines.js';
import { StderrLogger } from './stderr-logger.js';

export interface CliRun {
  settings: Settings;
  /** The target's engine: logger, redactor, cluster client (built on first use), progress, signal. */
  engine: Engine;
  /** HEAD of the checkout ('' outside git). */
  commit: string;
  /** The working tree differs from HEAD (what is applied is then not what was committed). */
  dirty: boolean;
  /** Closes the client if one was built. */
  close: () => Promise<void>;
}

export const NO_KUBECONFIG = 'No kubeconfig: pass --kubeconfig FILE, set KUBECONFIG, or create ~/.kube/config.';

/** `redactor` is the run's: the dispatcher passes every failure message through it too. */
export async function startRun(line: ParsedCommandLine, io: CliIo, redactor: SecretRedactor): Promise<CliRun> {
  const settings = cliSettings(line, io.env, io.cwd);
  const progress = progressLines(io.stderr, io.progress);
  const run = assembleRun(settings, redactor, {
    logger: new StderrLogger(io.stderr, io.env.KUBE_GITOPS_DEBUG === 'true'),
    env: io.env,
    noKubeconfig: NO_KUBECONFIG,
    signal: io.signal,
    ...(progress ? { progress } : {}),
  });
  const engine = onlyTarget(run);
  const head = await checkoutHead(engine);
  return { settings: engine.settings, engine, ...head, close: run.close };
}

/** The checkout's HEAD ('' outside git) and whether the target's paths differ from it, said as a warning. */
export async function checkoutHead(engine: Pick<Engine, 'settings' | 'logger'>): Promise<{ commit: string; dirty: boolean }> {
  const head = await headCommit(engine.settings.workspace, engine.settings.paths);
  if (head?.dirty)
    engine.logger.warning(`The working tree has changes not committed; the ApplySet records ${head.sha.slice(0, 7)}, which differs from what is applied.`);
  return { commit: head?.sha ?? '', dirty: head?.dirty ?? false };
}
