// What both commands set up the same way: the redactor, the logger, the settings, the commit and
// the cluster client (built on first use; a missing kubeconfig is the user's to fix).
import type { K8sClient } from '../cluster/k8s-client.js';
import { RedactingLogger } from '../redaction/redacting-logger.js';
import { SecretRedactor } from '../redaction/secret-redactor.js';
import { clusterClientFor } from '../run/cluster-client-for.js';
import type { Settings } from '../settings/settings.js';
import type { ParsedCommandLine } from './cli-flags.js';
import type { CliIo } from './cli-io.js';
import { kubeconfigSecrets } from '../settings/kubeconfig-secrets.js';
import { ageKeySecrets } from '../load/sops/age-key.js';
import { cliSettings } from './cli-settings.js';
import { headCommit } from './local-git.js';
import { StderrLogger } from './stderr-logger.js';

export interface CliRun {
  settings: Settings;
  redactor: SecretRedactor;
  logger: RedactingLogger;
  /** HEAD of the checkout ('' outside git). */
  commit: string;
  /** The working tree differs from HEAD (what is applied is then not what was committed). */
  dirty: boolean;
  /** The run's cluster client, built on the first call. */
  client: () => K8sClient;
  /** Closes the client if one was built. */
  close: () => Promise<void>;
}

const NO_KUBECONFIG = 'No kubeconfig: pass --kubeconfig FILE, set KUBECONFIG, or create ~/.kube/config.';

/** `redactor` is the run's: the dispatcher passes every failure message through it too. */
export async function startRun(line: ParsedCommandLine, io: CliIo, redactor: SecretRedactor): Promise<CliRun> {
  const logger = new RedactingLogger(new StderrLogger(io.stderr, io.env.KUBE_GITOPS_DEBUG === 'true'), redactor);
  const settings = cliSettings(line, io.env, io.cwd);
  if (settings.kubeconfig) redactor.add(kubeconfigSecrets(settings.kubeconfig));
  redactor.add(ageKeySecrets(io.env.SOPS_AGE_KEY));
  const head = await headCommit(settings.workspace, settings.paths);
  if (head?.dirty)
    logger.warning(`The working tree has changes not committed; the ApplySet records ${head.sha.slice(0, 7)}, which differs from what is applied.`);
  let client: K8sClient | undefined;
  return {
    settings,
    redactor,
    logger,
    commit: head?.sha ?? '',
    dirty: head?.dirty ?? false,
    client: () => (client ??= clusterClientFor(settings, redactor, NO_KUBECONFIG)),
    close: async () => client?.close(),
  };
}
