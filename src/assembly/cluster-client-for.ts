// A target's cluster client, built the same way for both front ends: what exec plugins print and
// return is registered with the run's redactor from then on.
import { K8sClient } from '../cluster/k8s-client.js';
import { ConfigurationError } from '../model/errors.js';
import type { SecretRedactor } from '../redaction/secret-redactor.js';
import type { TargetSettings } from '../settings/settings.js';

export function clusterClientFor(settings: TargetSettings, redactor: SecretRedactor, missing: string): K8sClient {
  if (!settings.kubeconfig) throw new ConfigurationError(missing, 'kubeconfig');
  return new K8sClient({
    kubeconfig: settings.kubeconfig,
    concurrency: settings.concurrency,
    onSecrets: (values) => redactor.add(values),
    ...(settings.kubeconfigDir ? { kubeconfigDir: settings.kubeconfigDir } : {}),
    ...(settings.context ? { context: settings.context } : {}),
  });
}
