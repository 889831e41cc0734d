import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createGitHubApi, GitHubPermissionError } from '../../../src/github/octokit-github.js';
import { startGitHubApiServer, type GitHubApiServer } from '../../support/github-api-server.js';
import { standInClients } from '../../support/stand-in-clients.js';

const TOKEN = 'ghs_unitStandInToken00000000000000000';
const SHA = 'a'.repeat(40);
const OLD = 'b'.repeat(40);
const RUN = 'https://github.com/Codertocat/Hello-World/actions/runs/42';

// The deployments routes of the stand-in (test/support/github-deployments.ts), through the project's
// real adapter: what GitHub answers, and what it refuses, as its REST reference states it.
describe('the GitHub stand-in: deployments and their statuses', () => {
  let server: GitHubApiServer;
  before(async () => {
    server = await startGitHubApiServer({ token: TOKEN, pendingContexts: ['ci/test'] });
  });
  after(async () => server.stop());
  const { api, raw } = standInClients(() => server, TOKEN);

  it('creates a deployment of the commit, lists it by sha and environment, and keeps its statuses newest first', async () => {
    const github = api();
    const created = await github.createDeployment({
      sha: SHA,
      environment: 'staging',
      description: 'kube-gitops: web',
      payload: { 'kube-gitops': { target: 'web' } },
    });
    assert.deepEqual(
      { ...created, id: 0 },
      { id: 0, sha: SHA, environment: 'staging', payload: { 'kube-gitops': { target: 'web' } }, productionEnvironment: false, transientEnvironment: false },
    );
    const request = server.requests.find((r) => r.method === 'POST' && r.path.endsWith('/deployments'));
    assert.deepEqual(request?.body, {
      ref: SHA,
      environment: 'staging',
      description: 'kube-gitops: web',
      payload: { 'kube-gitops': { target: 'web' } },
      auto_merge: false,
      required_contexts: [],
    });
    assert.deepEqual(
      (await github.listDeployments('staging', SHA, 100)).map((d) => d.id),
      [created.id],
    );
    assert.deepEqual(await github.listDeployments('production', SHA, 100), []);
    await github.createDeploymentStatus(created.id, { state: 'in_progress', logUrl: RUN, environmentUrl: '', description: 'Applying' });
    const done = await github.createDeploymentStatus(created.id, {
      state: 'success',
      logUrl: RUN,
      environmentUrl: 'https://staging.example.com/',
      description: 'Applied',
    });
    const { createdAt, ...rest } = done;
    assert.deepEqual(rest, { state: 'success', logUrl: RUN, environmentUrl: 'https://staging.example.com/', description: 'Applied' });
    assert.ok(createdAt && !Number.isNaN(Date.parse(createdAt)), `created_at is a time: ${String(createdAt)}`);
    assert.deepEqual(
      (await github.listDeploymentStatuses(created.id, 100)).map((s) => s.state),
      ['success', 'in_progress'],
    );
    assert.deepEqual(server.unexpected, []);
  });

  it('refuses a create that would wait on pending checks with 409, and one without a ref with 422', async () => {
    const pending = await raw('POST', '/deployments', { ref: SHA, environment: 'staging' });
    assert.equal(pending.status, 409);
    assert.match(((await pending.json()) as { message: string }).message, /Commit status checks failed/);
    const noRef = await raw('POST', '/deployments', { environment: 'staging', required_contexts: [] });
    assert.equal(noRef.status, 422);
    assert.deepEqual(((await noRef.json()) as { errors: unknown[] }).errors, [{ resource: 'Deployment', code: 'missing_field', field: 'ref' }]);
  });

  it('refuses a status GitHub refuses: an unknown state, a description over 140 characters, an unknown deployment', async () => {
    const github = api();
    const d = await github.createDeployment({ sha: SHA, environment: 'qa', description: '', payload: {} });
    assert.equal((await raw('POST', `/deployments/${d.id}/statuses`, { state: 'done' })).status, 422);
    assert.equal((await raw('POST', `/deployments/${d.id}/statuses`, { state: 'success', description: 'x'.repeat(141) })).status, 422);
    assert.equal((await raw('POST', `/deployments/${d.id}/statuses`, { state: 'success', description: 'x'.repeat(140) })).status, 201);
    assert.equal((await raw('POST', '/deployments/1/statuses', { state: 'success' })).status, 404);
  });

  it('retires earlier successful deployments of the environment on success (auto_inactive), except production ones', async () => {
    const github = api();
    const deploy = async (environment: string, sha: string) => {
      const d = await github.createDeployment({ sha, environment, description: '', payload: {} });
      await github.createDeploymentStatus(d.id, { state: 'success', logUrl: RUN, environmentUrl: '', description: '' });
      return d;
    };
    const stagingOld = await deploy('review', OLD);
    await deploy('review', SHA);
    assert.equal((await github.listDeploymentStatuses(stagingOld.id, 1))[0]?.state, 'inactive');
    const productionOld = await deploy('production', OLD);
    assert.equal(productionOld.productionEnvironment, true);
    await deploy('production', SHA);
    assert.equal((await github.listDeploymentStatuses(productionOld.id, 1))[0]?.state, 'success');
  });

  it('refuses a read-only token with 403, which the adapter reports as a permission error', async () => {
    const readOnly = await startGitHubApiServer({ token: TOKEN, readOnly: true });
    try {
      const github = createGitHubApi({ token: TOKEN, owner: 'Codertocat', repo: 'Hello-World', apiUrl: readOnly.url });
      await assert.rejects(github.createDeployment({ sha: SHA, environment: 'staging', description: '', payload: {} }), GitHubPermissionError);
      assert.deepEqual(await github.listDeployments('staging', SHA, 100), []);
    } finally {
      await readOnly.stop();
    }
  });
});
