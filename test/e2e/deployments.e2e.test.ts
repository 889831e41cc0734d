// dist/index.js on a push: the apply recorded as a GitHub Deployment of the commit (created, or the
// job's own when the job declares `environment:`), with `in_progress` then `success`, the run's URL
// and the environment URL; a token without `deployments: write` leaves a warning and the apply
// succeeds.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startGitHubApiServer, type GitHubApiServer, type GitHubApiServerOptions } from '../support/github-api-server.js';
import { GitRepo } from '../support/git-repo.js';
import { pushPayload, runAction, type ActionRun } from '../support/run-action.js';
import { testCluster, testNamespace, type TestCluster } from '../support/test-cluster.js';

const TOKEN = 'ghs_e2eDeploymentsToken000000000000000';
/** What run-action.ts gives the step as GITHUB_SERVER_URL, GITHUB_REPOSITORY and GITHUB_RUN_ID. */
const RUN_URL = 'https://github.com/Codertocat/Hello-World/actions/runs/4242';

describe('an apply recorded as a GitHub Deployment (dist/index.js end to end)', () => {
  let c: TestCluster;
  let ns: { name: string; cleanup: () => Promise<void> };
  const repos: GitRepo[] = [];
  const servers: GitHubApiServer[] = [];

  before(async () => {
    c = await testCluster();
    ns = await testNamespace('e2e-deployments');
  });
  after(async () => {
    for (const s of servers) await s.stop();
    for (const r of repos) r.cleanup();
    await ns.cleanup();
  });

  async function server(options: Partial<GitHubApiServerOptions> = {}): Promise<GitHubApiServer> {
    const s = await startGitHubApiServer({ token: TOKEN, pendingContexts: ['ci/test'], ...options });
    servers.push(s);
    return s;
  }

  function commit(name: string): { repo: GitRepo; sha: string } {
    const repo = new GitRepo();
    repos.push(repo);
    repo.write('deploy/cm.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: ${ns.name}\ndata: {a: "1"}\n`);
    return { repo, sha: repo.commit('manifests') };
  }

  function push(github: GitHubApiServer, at: { repo: GitRepo; sha: string }, target: string, extra: Record<string, string> = {}): Promise<ActionRun> {
    return runAction({
      event: 'push',
      payload: pushPayload({ before: '0'.repeat(40), after: at.sha }),
      workspace: at.repo.dir,
      sha: at.sha,
      apiUrl: github.url,
      inputs: { path: 'deploy', namespace: ns.name, name: target, kubeconfig: c.kubeconfigText, 'github-token': TOKEN, timeout: '60s', ...extra },
    });
  }

  it('creates one deployment of the commit to the environment: in_progress, then success, with the run and the environment URL', async () => {
    const github = await server();
    const at = commit('recorded');
    const run = await push(github, at, 'recorded', { environment: 'staging', 'environment-url': 'https://staging.example.com/' });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.deepEqual(github.unexpected, []);
    const [d, ...more] = github.deployments.deployments;
    assert.deepEqual(more, []);
    assert.deepEqual([d?.sha, d?.environment], [at.sha, 'staging']);
    assert.deepEqual(
      d?.statuses.map((s) => [s.state, s.logUrl, s.environmentUrl]),
      [
        ['in_progress', RUN_URL, 'https://staging.example.com/'],
        ['success', RUN_URL, 'https://staging.example.com/'],
      ],
    );
  });

  it("adds the statuses to the job's own deployment when the job declares environment:", async () => {
    const github = await server();
    const at = commit('job-own');
    const job = github.deployments.seedJobDeployment(at.sha, 'job-own', `${RUN_URL}/job/7`);
    const run = await push(github, at, 'job-own');
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(github.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/deployments')).length, 0);
    assert.deepEqual(
      job.statuses.map((s) => s.state),
      ['queued', 'in_progress', 'in_progress', 'success'],
    );
  });

  it('a token without deployments: write: one warning, and the apply succeeds', async () => {
    const github = await server({ readOnly: true });
    const run = await push(github, commit('read-only'), 'read-only');
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(run.stdout.split('\n').filter((l) => l.startsWith('::warning::The token cannot record deployments')).length, 1, run.stdout);
    assert.match(run.summary, /\*\*Applied\*\*/);
    assert.deepEqual(github.deployments.deployments, []);
  });
});
