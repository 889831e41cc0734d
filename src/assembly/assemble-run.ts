// One assembly of a run for the Action and the CLI alike: every credential the settings hold is
// registered with the run's one redactor before anything is logged, the front end's logger is
// wrapped by it, and each target gets its engine (src/run/engine.ts): its settings, a cluster client
// built on first use, the clock, progress and signal, and the version the ApplySet records (the
// same whichever front end applied, so taking turns never rewrites the parent).
import type { K8sClient } from '../cluster/k8s-client.js';
import { systemClock, type Clock } from '../model/clock.js';
import type { Logger } from '../model/logger.js';
import type { Progress } from '../model/progress.js';
import { ageKeySecrets } from '../load/sops/age-key.js';
import { RedactingLogger } from '../redaction/redacting-logger.js';
import type { SecretRedactor } from '../redaction/secret-redactor.js';
import type { Engine } from '../run/engine.js';
import { kubeconfigSecrets } from '../settings/kubeconfig-secrets.js';
import { splitSettings, targetSettings, type RunConfig, type Settings, type TargetSettings } from '../settings/settings.js';
import { VERSION } from '../version.js';
import { clusterClientFor } from './cluster-client-for.js';

/** What a front end brings to its run. */
export interface FrontEnd {
  /** Where the run's lines go (the runner's log with annotations; a terminal's stderr). */
  logger: Logger;
  env: NodeJS.ProcessEnv;
  /** What to say when a verb needs the cluster and no kubeconfig was given. */
  noKubeconfig: string;
  progress?: Progress;
  signal?: AbortSignal;
  clock?: Clock;
  /** A target's own lines and progress, when several targets run at once (a terminal's `plan --all` names each); default: the run's. */
  forTarget?: (target: TargetSettings) => { logger: Logger; progress?: Progress };
}

export interface AssembledRun {
  config: RunConfig;
  /** The front end's logger behind the run's redactor. */
  logger: Logger;
  redactor: SecretRedactor;
  /** One engine per target, in the order of the settings. */
  targets: Engine[];
  /** Closes every cluster client that was built. */
  close: () => Promise<void>;
}

/** `redactor` is the run's, made by the front end first: its failure line passes through it too. */
export function assembleRun(settings: Settings, redactor: SecretRedactor, frontEnd: FrontEnd): AssembledRun {
  return assembleRunConfig(splitSettings(settings), redactor, frontEnd);
}

/** A run of several targets (a terminal's `plan --all`): each target's engine, its credentials registered like the one target's. */
export function assembleRunConfig(config: RunConfig, redactor: SecretRedactor, frontEnd: FrontEnd): AssembledRun {
  if (config.run.githubToken) redactor.add([config.run.githubToken]);
  for (const target of config.targets) registerTargetCredentials(target, redactor);
  redactor.add(ageKeySecrets(frontEnd.env.SOPS_AGE_KEY));
  const logger = new RedactingLogger(frontEnd.logger, redactor);
  const clients: K8sClient[] = [];
  const targets = config.targets.map((target) => {
    const targetRun = targetSettings(config.run, target);
    let client: K8sClient | undefined;
    const own = frontEnd.forTarget?.(target);
    const progress = own ? own.progress : frontEnd.progress;
    const engine: Engine = {
      settings: targetRun,
      logger: own ? new RedactingLogger(own.logger, redactor) : logger,
      redactor,
      makeClient: () => {
        if (!client) clients.push((client = clusterClientFor(target, redactor, frontEnd.noKubeconfig)));
        return client;
      },
      clock: frontEnd.clock ?? systemClock,
      now: () => new Date(),
      version: VERSION,
      fieldManager: target.fieldManager,
      concurrency: target.concurrency,
      ...(progress ? { progress } : {}),
      ...(frontEnd.signal ? { signal: frontEnd.signal } : {}),
    };
    return engine;
  });
  return {
    config,
    logger,
    redactor,
    targets,
    close: async () => {
      await Promise.all(clients.map((c) => c.close()));
    },
  };
}

function registerTargetCredentials(target: TargetSettings, redactor: SecretRedactor): void {
  if (target.kubeconfig) redactor.add(kubeconfigSecrets(target.kubeconfig));
  redactor.add(ageKeySecrets(target.sopsAgeKey));
}

/** A run of one target (the inputs and flags name one): its engine. */
export function onlyTarget(run: AssembledRun): Engine {
  const [engine] = run.targets;
  if (!engine || run.targets.length > 1) throw new Error(`expected one target, got ${run.targets.length}`);
  return engine;
}
