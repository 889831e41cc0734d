// The apply mode's wiring of its GitHub Deployment (surfaces/deployment-status.ts): `in_progress`
// from the last write gate, so a push refused by an earlier gate records none; the report's outcome
// at the end; an apply that throws still ends its deployment as `failure`. Against a fake cluster and
// the GitHub stand-in.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { runApplyMode } from '../../../src/action/apply-mode.js';
import { RecordingLogger } from '../../../src/model/logger.js';
import { FakeCluster } from '../../support/fake-cluster.js';
import { fileTree } from '../../support/file-tree.js';
import { startGitHubApiServer, type GitHubApiServer } from '../../support/github-api-server.js';
import { testSettings } from '../../support/test-settings.js';
import { applyCluster, applyModeDeps, pushEvent } from '../../support/apply-mode-harness.js';

const TOKEN = 'ghs_applyModeDeploymentToken0000000000';
const SHA = 'e'.repeat(40);
const RUN = 'https://github.com/Codertocat/Hello-World/actions/runs/31';
const CONFIG_MAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: apps\ndata: {k: v}\n';

describe('the apply mode records its apply as a GitHub Deployment', () => {
  let server: GitHubApiServer;
  let workspace: string;
  let runnerFiles: string;
  const saved = { output: process.env.GITHUB_OUTPUT, summary: process.env.GITHUB_STEP_SUMMARY };

  before(() => {
    workspace = fileTree({ 'deploy/cm.yaml': CONFIG_MAP }, 'kube-gitops-apply-mode-');
    runnerFiles = mkdtempSync(path.join(os.tmpdir(), 'kube-gitops-runner-'));
    process.env.GITHUB_OUTPUT = path.join(runnerFiles, 'output');
    process.env.GITHUB_STEP_SUMMARY = path.join(runnerFiles, 'summary.md');
    writeFileSync(process.env.GITHUB_OUTPUT, '');
    writeFileSync(process.env.GITHUB_STEP_SUMMARY, '');
  });
  after(() => {
    for (const [key, value] of [
      ['GITHUB_OUTPUT', saved.output],
      ['GITHUB_STEP_SUMMARY', saved.summary],
    ] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    rmSync(workspace, { recursive: true, force: true });
    rmSync(runnerFiles, { recursive: true, force: true });
  });
  afterEach(async () => {
    assert.deepEqual(server.unexpected, []);
    await server.stop();
  });

  async function apply(client: FakeCluster, overrides: { paths?: string[] } = {}) {
    server = await startGitHubApiServer({ token: TOKEN, pendingContexts: ['ci/test'] });
    const settings = {
      ...testSettings({ paths: ['deploy'], workspace }),
      target: 'shop',
      namespace: 'apps',
      inventoryNamespace: 'apps',
      kubeconfig: 'apiVersion: v1\nkind: Config\n',
      environment: 'staging',
      wait: false,
      comment: false,
      ...overrides,
    };
    const event = pushEvent(SHA, server.url, RUN);
    const logger = new RecordingLogger();
    const deps = applyModeDeps(settings, client, logger, { apiUrl: server.url, token: TOKEN });
    const outcome = await runApplyMode(settings, event, deps).then(
      (report) => ({ report, error: undefined }),
      (error: unknown) => ({ report: undefined, error }),
    );
    return { ...outcome, logger, states: server.deployments.deployments.map((d) => d.statuses.map((s) => s.state)) };
  }

  it('a successful apply: one deployment, in_progress then success', async () => {
    const run = await apply(applyCluster());
    assert.equal(run.error, undefined);
    assert.deepEqual(run.states, [['in_progress', 'success']]);
  });

  it('a push refused before the gates (its manifests do not load) records no deployment', async () => {
    const run = await apply(applyCluster(), { paths: ['nothing-here'] });
    assert.ok(run.error instanceof Error);
    assert.deepEqual(run.states, []);
    assert.equal(server.requests.length, 0);
  });

  it('a push refused after the gate (the cluster serves no Lease) ends its deployment as failure, saying nothing was applied', async () => {
    const run = await apply(new FakeCluster({ namespaces: ['apps'] }));
    assert.ok(run.error instanceof Error);
    assert.deepEqual(run.states, [['in_progress', 'failure']]);
    assert.match(server.deployments.deployments[0]?.statuses[1]?.description ?? '', /^Nothing was applied: the cluster does not serve/);
  });

  it('an apply that throws after the gates ends its deployment as failure, then fails the step', async () => {
    const run = await apply(applyCluster().failOn('apply', { kind: 'Lease', dryRun: false }, () => new TypeError('socket hang up')));
    assert.ok(run.error instanceof Error, String(run.error));
    assert.deepEqual(run.states, [['in_progress', 'failure']]);
    assert.match(server.deployments.deployments[0]?.statuses[1]?.description ?? '', /^Failed: /);
  });
});
