// The live cluster's Capabilities for rendering charts, read through the run's cluster client
// before the plan. A cluster that cannot be asked renders charts with helm's built-in
// Capabilities, said in the log.
import type { ClusterClient } from '../cluster/cluster-client.js';
import { getErrorMessage } from '../model/errors.js';
import type { Logger } from '../model/logger.js';
import { apiVersionsOf, type CapabilitiesSource, type HelmCapabilities } from '../load/sources/helm/helm-capabilities.js';

/** A CapabilitiesSource asking the run's client (made on first use; the run closes it) once, however many charts and kustomizations ask. */
export function liveCapabilities(makeClient: () => ClusterClient, logger: Logger): CapabilitiesSource {
  let asked: Promise<HelmCapabilities | undefined> | undefined;
  return () => (asked ??= ask(makeClient, logger));
}

async function ask(makeClient: () => ClusterClient, logger: Logger): Promise<HelmCapabilities | undefined> {
  try {
    const client = makeClient();
    const [kubeVersion, types] = await Promise.all([client.serverVersion(), client.resourceTypes()]);
    const apiVersions = apiVersionsOf(types);
    logger.info(`Rendering Helm charts with the live cluster's Capabilities: Kubernetes ${kubeVersion}, ${apiVersions.length} API versions`);
    return { kubeVersion, apiVersions };
  } catch (error) {
    logger.info(`Rendering Helm charts with helm's built-in Capabilities: the cluster's could not be read (${getErrorMessage(error).split('\n')[0] ?? ''})`);
    return undefined;
  }
}
