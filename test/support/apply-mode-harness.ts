// What a unit test of the apply mode gives runApplyMode: a push event of the stand-in's
// Codertocat/Hello-World, the engine over a fake cluster with the real GitHub adapter, and that
// fake cluster (Leases served).
import type { GitHubEvent } from '../../src/action/github-event.js';
import type { ApplyModeDeps } from '../../src/action/mode-deps.js';
import { createGitHubApi } from '../../src/github/octokit-github.js';
import type { ClusterClient } from '../../src/cluster/cluster-client.js';
import type { Logger } from '../../src/model/logger.js';
import { SecretRedactor } from '../../src/redaction/secret-redactor.js';
import type { Settings } from '../../src/settings/settings.js';
import { FakeClock } from './fake-clock.js';
import { FakeCluster } from './fake-cluster.js';

/** The Lease type a fake cluster must serve for an apply (each apply holds its target's Lease). */
const LEASE = {
  group: 'coordination.k8s.io',
  version: 'v1',
  kind: 'Lease',
  plural: 'leases',
  namespaced: true,
  verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
};

/** A fake cluster with namespace `apps` that serves what an apply needs, Leases included. */
export function applyCluster(): FakeCluster {
  return new FakeCluster({ namespaces: ['apps'] }).serve(LEASE);
}

/** A push of `sha` to main, its API at `apiUrl` and its run at `runUrl`. */
export function pushEvent(sha: string, apiUrl: string, runUrl: string): GitHubEvent {
  return { name: 'push', payload: {}, sha, ref: 'refs/heads/main', owner: 'Codertocat', repo: 'Hello-World', apiUrl, serverUrl: 'https://github.com', runUrl };
}

/** The apply mode's engine: `client` for every cluster call, the stand-in at `apiUrl` with `token`. */
export function applyModeDeps(settings: Settings, client: ClusterClient, logger: Logger, github: { apiUrl: string; token: string }): ApplyModeDeps {
  return {
    settings,
    logger,
    redactor: new SecretRedactor(),
    makeClient: () => client,
    clock: new FakeClock(),
    now: () => new Date(0),
    version: '0.1.0',
    fieldManager: settings.fieldManager,
    concurrency: 1,
    env: {},
    github: createGitHubApi({ token: github.token, owner: 'Codertocat', repo: 'Hello-World', apiUrl: github.apiUrl }),
  };
}
