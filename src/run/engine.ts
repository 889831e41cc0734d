// The engine object: what every verb (plan, apply, drift) needs for one target, built once per
// target by the run's assembly (src/assembly/assemble-run.ts) the same way for the Action and the
// CLI. The pipelines take what they use of it.
import type { ClusterClient } from '../cluster/cluster-client.js';
import type { Clock } from '../model/clock.js';
import type { Logger } from '../model/logger.js';
import type { Progress } from '../model/progress.js';
import type { SecretRedactor } from '../redaction/secret-redactor.js';
import type { Settings } from '../settings/settings.js';

export interface Engine {
  /** The target's settings with the run's. */
  settings: Settings;
  /** The run's logger; every line passes through the redactor. */
  logger: Logger;
  /** The run's one redactor: everything published passes through it. */
  redactor: SecretRedactor;
  /** The target's cluster client, built on first use (a missing kubeconfig is the user's to fix); the run closes it. */
  makeClient: () => ClusterClient;
  /** Durations and waits. */
  clock: Clock;
  /** The time written on the ApplySet parent. */
  now: () => Date;
  /** Told as objects are planned, applied and decided (a terminal's progress lines). */
  progress?: Progress;
  /** Once aborted (Ctrl-C), no new write starts, nothing is pruned and nothing waited on. */
  signal?: AbortSignal;
  /** The version the ApplySet parent records as its tooling: the same whichever front end applied. */
  version: string;
  /** The field manager of every write. */
  fieldManager: string;
  /** Objects read or written at once. */
  concurrency: number;
}

/** `{ progress }` when the engine has one; `{}` otherwise. */
export function progressOf(engine: Pick<Engine, 'progress'>): { progress?: NonNullable<Engine['progress']> } {
  return engine.progress ? { progress: engine.progress } : {};
}

/** What the apply pipeline takes of the engine (its client built now). */
export function verbDeps(
  engine: Engine,
): Pick<Engine, 'logger' | 'redactor' | 'clock' | 'now' | 'version' | 'progress' | 'signal'> & { client: ClusterClient } {
  return {
    client: engine.makeClient(),
    logger: engine.logger,
    redactor: engine.redactor,
    clock: engine.clock,
    now: engine.now,
    version: engine.version,
    ...progressOf(engine),
    ...(engine.signal ? { signal: engine.signal } : {}),
  };
}
