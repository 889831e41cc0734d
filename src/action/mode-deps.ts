// What every mode of the Action is given by main.ts: the logger, the GitHub port, a cluster client
// factory, the environment and the run's one redactor.
import type { ClusterClient } from '../cluster/cluster-client.js';
import type { GitHubApi } from '../github/github-port.js';
import type { Logger } from '../model/logger.js';
import type { SecretRedactor } from '../redaction/secret-redactor.js';

export interface ModeDeps {
  logger: Logger;
  github?: GitHubApi;
  makeClient: () => ClusterClient;
  env: NodeJS.ProcessEnv;
  /** The run's one redactor: everything published passes through it. */
  redactor: SecretRedactor;
}
