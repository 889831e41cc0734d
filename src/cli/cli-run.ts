// What both commands set up the same way: the redactor, the logger, the settings, the manifests,
// the commit and the cluster client.
import { K8sClient } from '../cluster/k8s-client.js';
import { ManifestError } from '../errors.js';
import { loadManifests } from '../manifests/manifest-loader.js';
import type { DesiredObject } from '../objects/desired-object.js';
import { registerSecrets } from '../plan/mask-plan.js';
import { RedactingLogger } from '../redaction/redacting-logger.js';
import { SecretRedactor } from '../redaction/secret-redactor.js';
import { clusterClientFor } from '../run/cluster-client-for.js';
import type { Settings } from '../settings/settings.js';
import type { ParsedCommandLine } from './cli-flags.js';
import type { CliIo } from './cli-io.js';
import { cliSettings } from './cli-settings.js';
import { headCommit } from './local-git.js';
import { StderrLogger } from './stderr-logger.js';

export interface CliRun {
  settings: Settings;
  redactor: SecretRedactor;
  logger: RedactingLogger;
  desired: DesiredObject[];
  /** HEAD of the checkout ('' outside git). */
  commit: string;
  client: K8sClient;
}

const NO_KUBECONFIG = 'No kubeconfig: pass --kubeconfig FILE, set KUBECONFIG, or create ~/.kube/config.';

export async function startRun(line: ParsedCommandLine, io: CliIo): Promise<CliRun> {
  const redactor = new SecretRedactor();
  const logger = new RedactingLogger(new StderrLogger(io.stderr, io.env.KUBE_GITOPS_DEBUG === 'true'), redactor);
  const settings = cliSettings(line, io.env, io.cwd);
  const desired = await load(settings, logger, redactor);
  const head = await headCommit(settings.workspace);
  if (head?.dirty) logger.warning(`The working tree has changes not committed; the ApplySet records ${head.sha.slice(0, 7)}, which differs from what is applied.`);
  return { settings, redactor, logger, desired, commit: head?.sha ?? '', client: clusterClientFor(settings, redactor, NO_KUBECONFIG) };
}

async function load(settings: Settings, logger: RedactingLogger, redactor: SecretRedactor): Promise<DesiredObject[]> {
  try {
    return await loadManifests({ workspace: settings.workspace, paths: settings.paths, exclude: settings.exclude, logger,
      onObjects: (objects) => registerSecrets(objects, redactor) });
  } catch (error) {
    if (error instanceof ManifestError) for (const p of error.problems) logger.error(p.message, p.source);
    throw error;
  }
}
