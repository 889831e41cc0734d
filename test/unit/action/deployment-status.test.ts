import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { deploymentRecorder, deploymentStatus, DEPLOYMENT_FORBIDDEN } from '../../../src/action/surfaces/deployment-status.js';
import type { DeploymentRecorder, SurfaceContext } from '../../../src/action/surfaces/surface.js';
import type { GitHubEvent } from '../../../src/action/github-event.js';
import { createGitHubApi } from '../../../src/github/octokit-github.js';
import { RecordingLogger } from '../../../src/model/logger.js';
import { SecretRedactor } from '../../../src/redaction/secret-redactor.js';
import type { ApplyReport } from '../../../src/run/apply-run.js';
import type { AppliedRunReport, RefusedRunReport } from '../../../src/run/run-report.js';
import type { Settings } from '../../../src/settings/settings.js';
import { startGitHubApiServer, type GitHubApiServer, type GitHubApiServerOptions } from '../../support/github-api-server.js';
import type { StoredDeployment } from '../../support/github-deployments.js';
import { testSettings } from '../../support/test-settings.js';

const TOKEN = 'ghs_deploymentsTestToken000000000000';
const SHA = 'c'.repeat(40);
const OLD = 'd'.repeat(40);
const RUN = 'https://github.com/Codertocat/Hello-World/actions/runs/777';
const SECRET = 'hunter2-the-cluster-password';

function event(sha = SHA, runUrl = RUN): GitHubEvent {
  return {
    name: 'push',
    payload: {},
    sha,
    ref: 'refs/heads/main',
    owner: 'Codertocat',
    repo: 'Hello-World',
    apiUrl: '',
    serverUrl: 'https://github.com',
    runUrl,
  };
}

/** An apply report as the surface reads it: nothing planned, the outcome `succeeded`. */
function applied(succeeded: boolean): AppliedRunReport {
  const apply = {
    planResult: { plan: { entries: [] } },
    outcome: { applied: [], failed: [] },
    health: [],
    hooks: [],
    skippedSteps: [],
    durationsMs: { plan: 0, apply: 0, prune: 0, wait: 0 },
    succeeded,
    ...(succeeded ? { prune: { deleted: [], failed: [], kept: [] } } : {}),
  };
  return { kind: 'apply', apply: apply as unknown as ApplyReport };
}

function refused(message: string): RefusedRunReport {
  return { kind: 'refused', refusal: { problems: [{ message, code: 'refusal' }] } };
}

describe('an apply recorded as a GitHub Deployment', () => {
  let server: GitHubApiServer;
  let logger: RecordingLogger;
  const redactor = new SecretRedactor();
  redactor.add([SECRET]);
  const start = async (options: Partial<GitHubApiServerOptions> = {}) => {
    server = await startGitHubApiServer({ token: TOKEN, pendingContexts: ['ci/test'], ...options });
  };
  const settings = (overrides: Partial<Settings> = {}): Settings => ({
    ...testSettings({ paths: ['.'], workspace: process.cwd() }),
    target: 'web',
    ...overrides,
  });
  const recorder = (s: Settings, e = event()): { recorder: DeploymentRecorder; context: SurfaceContext } => {
    const github = createGitHubApi({ token: TOKEN, owner: 'Codertocat', repo: 'Hello-World', apiUrl: server.url });
    const deps = {
      github,
      logger,
      redactor,
      env: {},
      makeClient: (): never => {
        throw new Error('no cluster here');
      },
    };
    const made = deploymentRecorder(s, e, deps);
    assert.ok(made);
    return { recorder: made, context: { settings: s, event: e, deps, deployment: made } };
  };
  const creates = () => server.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/deployments')).length;
  const states = (d: StoredDeployment | undefined) => d?.statuses.map((s) => s.state);
  const gate = (r: DeploymentRecorder) =>
    r.gate({ plan: { target: 'web', commit: SHA, basis: 'cluster', entries: [], warnings: [], problems: [] }, inventory: {} as never, commit: SHA });

  beforeEach(() => {
    logger = new RecordingLogger();
  });
  afterEach(async () => {
    assert.deepEqual(server.unexpected, []);
    await server.stop();
  });

  it('creates one deployment per target and commit: in_progress at the gate (once, re-plans too), success at the end, with the run and the environment URL', async () => {
    await start();
    const s = settings({ environment: 'staging', environmentUrl: 'https://staging.example.com/' });
    const { recorder: r, context } = recorder(s);
    await gate(r);
    await gate(r); // the gates run again after a re-plan under the target's lease
    await deploymentStatus(applied(true), context);
    assert.equal(creates(), 1);
    const [d] = server.deployments.deployments;
    assert.deepEqual([d?.sha, d?.environment, d?.payload], [SHA, 'staging', { 'kube-gitops': { target: 'web' } }]);
    assert.deepEqual(states(d), ['in_progress', 'success']);
    assert.deepEqual(
      d?.statuses.map((x) => [x.logUrl, x.environmentUrl]),
      [
        [RUN, 'https://staging.example.com/'],
        [RUN, 'https://staging.example.com/'],
      ],
    );
    assert.equal(d?.statuses[1]?.description, 'Applied: 0 written, 0 pruned');
    // A re-run of the same commit records in the same deployment.
    const again = recorder(s, event(SHA, 'https://github.com/Codertocat/Hello-World/actions/runs/778'));
    await gate(again.recorder);
    await deploymentStatus(applied(false), again.context);
    assert.equal(creates(), 1);
    assert.deepEqual(states(d), ['in_progress', 'success', 'in_progress', 'failure']);
  });

  it("adds its statuses to the job's own deployment (the job declares environment:) instead of creating a second", async () => {
    await start();
    const job = server.deployments.seedJobDeployment(SHA, 'production-eu', `${RUN}/job/9`);
    const { recorder: r, context } = recorder(settings({ environment: 'production-eu' }));
    await gate(r);
    await deploymentStatus(applied(true), context);
    server.deployments.finishJob(job, 'success');
    assert.equal(creates(), 0);
    assert.equal(server.deployments.deployments.length, 1);
    assert.deepEqual(states(job), ['queued', 'in_progress', 'in_progress', 'success', 'success']);
    assert.ok(logger.hasMessage("the job's own"));
  });

  it("does not take another run's running deployment of the commit for the job's own", async () => {
    await start();
    server.deployments.seedJobDeployment(SHA, 'staging', 'https://github.com/Codertocat/Hello-World/actions/runs/1/job/2');
    const { recorder: r } = recorder(settings({ environment: 'staging' }));
    await gate(r);
    assert.equal(creates(), 1);
    assert.equal(server.deployments.deployments.length, 2);
  });

  it('names who approved the run for the environment in the final description, as text', async () => {
    await start();
    const { recorder: r, context } = recorder(settings({ environment: 'production' }));
    await gate(r);
    const review = { matches: 'true' as const, differences: [], approval: { login: 'octo-reviewer', environment: 'production', comment: '' } };
    await deploymentStatus({ ...applied(true), review }, context);
    assert.equal(server.deployments.deployments[0]?.statuses[1]?.description, 'Applied: 0 written, 0 pruned; approved by octo-reviewer');
  });

  it('uses the target name as the environment when neither the input nor the targets file names one', async () => {
    await start();
    const { recorder: r } = recorder(settings());
    await gate(r);
    assert.equal(server.deployments.deployments[0]?.environment, 'web');
  });

  it('leaves the deployment it replaces inactive: by GitHub for a non-production environment, explicitly for production', async () => {
    await start();
    for (const environment of ['staging', 'production']) {
      const before = recorder(settings({ environment }), event(OLD));
      await gate(before.recorder);
      await deploymentStatus(applied(true), before.context);
      // Another target's deployment in the same environment is not this target's to retire.
      const other = recorder(settings({ environment, target: 'api' }), event(OLD));
      await gate(other.recorder);
      await deploymentStatus(applied(true), other.context);
      const now = recorder(settings({ environment }));
      await gate(now.recorder);
      await deploymentStatus(applied(true), now.context);
    }
    const of = (environment: string, sha: string, target: string) =>
      server.deployments.deployments.find((d) => d.environment === environment && d.sha === sha && JSON.stringify(d.payload).includes(`"${target}"`));
    assert.equal(states(of('staging', OLD, 'web'))?.at(-1), 'inactive');
    assert.equal(states(of('production', OLD, 'web'))?.at(-1), 'inactive');
    assert.equal(states(of('production', OLD, 'api'))?.at(-1), 'success');
    assert.equal(states(of('production', SHA, 'web'))?.at(-1), 'success');
  });

  it('warns once and records nothing when the token may not write deployments; the apply goes on', async () => {
    await start({ readOnly: true });
    const { recorder: r, context } = recorder(settings({ environment: 'staging' }));
    await gate(r);
    await deploymentStatus(applied(true), context);
    assert.deepEqual(logger.messages('warning'), [DEPLOYMENT_FORBIDDEN]);
    assert.equal(server.deployments.deployments.length, 0);
  });

  it('records no deployment for a push refused before the gate, and failure for one refused after it', async () => {
    await start();
    const early = recorder(settings({ environment: 'staging' }));
    await deploymentStatus(refused('Nothing was applied: an older commit'), early.context);
    assert.equal(server.requests.length, 0);
    const late = recorder(settings({ environment: 'staging' }));
    await gate(late.recorder);
    await deploymentStatus(refused(`Refusing: the plan changed under the lease (${SECRET})`), late.context);
    const [d] = server.deployments.deployments;
    assert.deepEqual(states(d), ['in_progress', 'failure']);
    assert.equal(d?.statuses[1]?.description.includes(SECRET), false);
    assert.match(d?.statuses[1]?.description ?? '', /^Refusing: the plan changed under the lease/);
  });

  it('ends a deployment refused after its gate as older than a live commit that contains it as inactive, never failure', async () => {
    await start();
    const late = recorder(settings({ environment: 'staging' }));
    await gate(late.recorder);
    const live = 'f'.repeat(40);
    const report: RefusedRunReport = { kind: 'refused', refusal: { problems: [{ message: 'Refusing to apply: older', code: 'refusal' }], wentOutWith: live } };
    await deploymentStatus(report, late.context);
    const [d] = server.deployments.deployments;
    assert.deepEqual(states(d), ['in_progress', 'inactive']);
    assert.equal(d?.statuses[1]?.description, 'Nothing to apply: fffffff, already live, contains this commit, so its change went out as part of fffffff.');
  });

  it('ends a started deployment as failure when the apply throws, with a description GitHub accepts', async () => {
    await start();
    const { recorder: r } = recorder(settings({ environment: 'staging' }));
    await gate(r);
    await r.finish('failure', `Failed: ${'connection refused '.repeat(20)}`);
    const [d] = server.deployments.deployments;
    assert.deepEqual(states(d), ['in_progress', 'failure']);
    assert.equal(Array.from(d?.statuses[1]?.description ?? '').length, 140);
  });
});
