// mode preview-sweep against a fake cluster and the GitHub stand-in: previews made by mode preview
// itself (opened), then the sweep. A closed or merged pull request's preview goes the way a `closed`
// event's does (members, namespace, deployments inactive, comment saying why); an open one within its
// TTL stays; an expired one goes without asking GitHub; a pull request GitHub cannot read keeps its
// preview and fails the sweep at the end. Every namespace that is not this repository's preview is
// left alone and listed with why, and the fake cluster's record shows no write to it.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import type { GitHubEvent } from '../../../src/action/github-event.js';
import { runPreviewMode } from '../../../src/action/preview-mode.js';
import { runPreviewSweep } from '../../../src/action/preview-sweep.js';
import { ClusterError } from '../../../src/cluster/cluster-error.js';
import { applySetId, ID_LABEL, PART_OF_LABEL, parentName, TOOLING_ANNOTATION } from '../../../src/inventory/applyset.js';
import { RecordingLogger } from '../../../src/model/logger.js';
import type { KubeObject } from '../../../src/objects/kube-object.js';
import { PREVIEW_LABEL, PREVIEW_PR_LABEL, PREVIEW_REPOSITORY_ANNOTATION } from '../../../src/preview/preview-identity.js';
import type { Settings } from '../../../src/settings/settings.js';
import { applyCluster, applyModeDeps } from '../../support/apply-mode-harness.js';
import type { FakeCluster } from '../../support/fake-cluster.js';
import { fileTree } from '../../support/file-tree.js';
import { startGitHubApiServer, type GitHubApiServer } from '../../support/github-api-server.js';
import { testSettings } from '../../support/test-settings.js';

const TOKEN = 'ghs_previewSweepToken000000000000000000';
const SHA = 'a'.repeat(40);
const REPO = 'Codertocat/Hello-World';
const CONFIG_MAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-settings\ndata: {k: v}\n';
const ns = (name: string) => ({ group: '', version: 'v1', kind: 'Namespace', name });
const cm = (namespace: string) => ({ group: '', version: 'v1', kind: 'ConfigMap', namespace, name: 'web-settings' });

describe('mode preview-sweep', () => {
  let server: GitHubApiServer;
  let cluster: FakeCluster;
  let workspace: string;
  let runnerFiles: string;
  const saved = { output: process.env.GITHUB_OUTPUT, summary: process.env.GITHUB_STEP_SUMMARY };

  before(() => {
    workspace = fileTree({ 'deploy/cm.yaml': CONFIG_MAP }, 'kube-gitops-preview-sweep-');
    runnerFiles = mkdtempSync(path.join(os.tmpdir(), 'kube-gitops-runner-'));
    process.env.GITHUB_OUTPUT = path.join(runnerFiles, 'output');
    process.env.GITHUB_STEP_SUMMARY = path.join(runnerFiles, 'summary.md');
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
  beforeEach(async () => {
    writeFileSync(process.env.GITHUB_OUTPUT!, '');
    writeFileSync(process.env.GITHUB_STEP_SUMMARY!, '');
    server = await startGitHubApiServer({ token: TOKEN });
    cluster = applyCluster();
  });
  afterEach(async () => {
    assert.deepEqual(server.unexpected, []);
    await server.stop();
  });

  function settingsWith(overrides: Partial<Settings> = {}): Settings {
    return { ...testSettings({ paths: ['deploy'], workspace }), kubeconfig: 'apiVersion: v1\nkind: Config\n', githubToken: TOKEN, ...overrides };
  }

  const event = (name: string, payload: GitHubEvent['payload'], number?: number): GitHubEvent => ({
    name,
    payload,
    sha: SHA,
    ref: 'refs/heads/main',
    owner: 'Codertocat',
    repo: 'Hello-World',
    apiUrl: server.url,
    serverUrl: 'https://github.com',
    runUrl: 'https://github.com/Codertocat/Hello-World/actions/runs/9',
    ...(number === undefined ? {} : { pullRequest: { number, baseSha: '0'.repeat(40), headSha: SHA, headRepoFork: false } }),
  });

  /** mode preview on `opened`, at `at` (the time its parent records as applied-at). */
  async function open(number: number, overrides: Partial<Settings> = {}, at = new Date(0)) {
    const settings = settingsWith({ mode: 'preview', ...overrides });
    const repo = { full_name: REPO };
    const payload = {
      action: 'opened',
      number,
      pull_request: { number, head: { sha: SHA, repo }, base: { sha: '0'.repeat(40), repo }, user: { login: 'octocat' } },
    };
    const deps = { ...applyModeDeps(settings, cluster, new RecordingLogger(), { apiUrl: server.url, token: TOKEN }), now: () => at };
    const outcome = await runPreviewMode(settings, event('pull_request', payload, number), deps);
    assert.equal(outcome.status, 'ready');
    server.pulls.set(number, { state: 'open', merged: false });
  }

  async function sweep(overrides: Partial<Settings> = {}, now = new Date(0)) {
    const settings = settingsWith({ mode: 'preview-sweep', ...overrides });
    const logger = new RecordingLogger();
    const deps = { ...applyModeDeps(settings, cluster, logger, { apiUrl: server.url, token: TOKEN }), now: () => now };
    const outcome = await runPreviewSweep(settings, { ...event('schedule', { schedule: '17 4 * * *' }), sha: 'b'.repeat(40) }, deps);
    const outputs = readFileSync(process.env.GITHUB_OUTPUT!, 'utf8');
    const output = (name: string) => new RegExp(`^${name}<<(.+)\\n([^]*?)\\n\\1$`, 'm').exec(outputs)?.[2];
    return { ...outcome, logger, summary: readFileSync(process.env.GITHUB_STEP_SUMMARY!, 'utf8'), swept: output('swept'), kept: output('kept') };
  }

  const previewComment = (n: number) => server.comments.filter((c) => c.issueNumber === n && c.body.startsWith('<!-- kube-gitops:preview '));
  const lastStates = (environment: string) => server.deployments.deployments.filter((d) => d.environment === environment).map((d) => d.statuses.at(-1)?.state);

  it('removes the previews of a closed and a merged pull request as a closed event would, and keeps an open one', async () => {
    for (const n of [3, 4, 5]) await open(n);
    server.pulls.set(3, { state: 'closed', merged: false });
    server.pulls.set(4, { state: 'closed', merged: true });
    const run = await sweep();
    assert.equal(run.failure, undefined);
    for (const n of [3, 4]) {
      assert.equal(cluster.stored(ns(`preview-pr-${n}`)), undefined, `preview-pr-${n} deleted`);
      assert.equal(cluster.stored(cm(`preview-pr-${n}`)), undefined, `its ConfigMap deleted`);
      assert.deepEqual(lastStates(`preview/pr-${n}`), ['inactive']);
      const [comment, ...more] = previewComment(n);
      assert.deepEqual(more, [], 'the one sticky comment, updated');
      assert.match(comment?.body ?? '', /Preview removed/);
    }
    assert.match(previewComment(3)[0]?.body ?? '', /Removed by the scheduled preview sweep: pull request #\u200b?3 was closed\./);
    assert.match(previewComment(3)[0]?.body ?? '', /at `aaaaaaa`/, 'the commit the preview was last applied at, not the sweep’s');
    assert.match(previewComment(4)[0]?.body ?? '', /pull request #\u200b?4 was merged/);
    assert.ok(cluster.stored(ns('preview-pr-5')) && cluster.stored(cm('preview-pr-5')), 'the open pull request keeps its preview');
    assert.deepEqual(lastStates('preview/pr-5'), ['success']);
    assert.equal(run.swept, '["preview-pr-3","preview-pr-4"]');
    assert.equal(run.kept, '["preview-pr-5"]');
    assert.match(run.summary, /\| `preview-pr-3` \| swept: pull request #\u200b?3 was closed \|/);
    assert.match(run.summary, /\| `preview-pr-5` \| live: pull request #\u200b?5 is open; no TTL \|/);
    assert.match(run.summary, /^2 swept · 1 live · 0 kept/m);
  });

  it('leaves alone, unread past its labels and unwritten, every namespace that is not a preview of this repository', async () => {
    const set = (name: string) => applySetId(parentName(name), name);
    const labelled = (name: string, number: string, repository = REPO): KubeObject => ({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name,
        labels: { [PREVIEW_LABEL]: 'true', [PREVIEW_PR_LABEL]: number, [PART_OF_LABEL]: set(name) },
        annotations: { [PREVIEW_REPOSITORY_ANNOTATION]: repository },
      },
    });
    const parent = (namespace: string, id: string, tooling = 'kube-gitops/0.1.0'): KubeObject => ({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: parentName(namespace), namespace, labels: { [ID_LABEL]: id }, annotations: { [TOOLING_ANNOTATION]: tooling } },
    });
    const configMap = (namespace: string): KubeObject => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'web-settings', namespace },
      data: { keep: 'me' },
    });
    cluster.seed(
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'preview-pr-7' } },
      configMap('preview-pr-7'),
      labelled('preview-pr-8', '8', 'someone-else/their-repo'),
      parent('preview-pr-8', set('preview-pr-8')),
      configMap('preview-pr-8'),
      labelled('preview-pr-9', '9'),
      configMap('preview-pr-9'),
      labelled('preview-pr-10', '10'),
      parent('preview-pr-10', set('other-namespace')),
      labelled('preview-pr-12', '12'),
      parent('preview-pr-12', set('preview-pr-12'), 'kubectl/v1.36.0'),
      labelled('other-pr-11', '11'),
      parent('other-pr-11', set('other-pr-11')),
    );
    for (const n of [7, 8, 9, 10, 11, 12]) server.pulls.set(n, { state: 'closed', merged: false });
    const before = cluster.calls.length;
    const run = await sweep();
    const calls = cluster.calls.slice(before);
    assert.equal(run.failure, undefined);
    assert.deepEqual(
      calls.filter((c) => c.verb === 'apply' || c.verb === 'delete'),
      [],
      'nothing written or deleted',
    );
    assert.deepEqual(
      calls.filter((c) => c.namespace === 'preview-pr-7' || c.name === 'preview-pr-7'),
      [],
      'the unlabelled namespace is not even read',
    );
    assert.deepEqual(
      calls.filter((c) => c.verb === 'get').map((c) => `${c.namespace}/${c.name}`),
      ['preview-pr-10/kube-gitops-preview-pr-10', 'preview-pr-12/kube-gitops-preview-pr-12', 'preview-pr-9/kube-gitops-preview-pr-9'],
      'only the parents of namespaces that are this repository’s by name, labels and annotation are read',
    );
    assert.deepEqual(server.pulls.reads, [], 'GitHub is not asked about them');
    for (const n of [7, 8, 9]) assert.ok(cluster.stored(cm(`preview-pr-${n}`)));
    assert.deepEqual(
      run.rows.map((r) => [r.namespace, r.outcome]),
      ['other-pr-11', 'preview-pr-10', 'preview-pr-12', 'preview-pr-8', 'preview-pr-9'].map((n) => [n, 'alone']),
    );
    const why = Object.fromEntries(run.rows.map((r) => [r.namespace, r.why]));
    assert.match(why['other-pr-11'] ?? '', /its name is not preview-pr-<number>/);
    assert.match(why['preview-pr-8'] ?? '', /not a preview of Codertocat\/Hello-World: it lacks the annotation kube-gitops\.io\/preview-repository/);
    assert.match(why['preview-pr-9'] ?? '', /ApplySet parent Secret preview-pr-9\/kube-gitops-preview-pr-9 is missing/);
    assert.match(why['preview-pr-10'] ?? '', /carries the id applyset-.*, not this preview's/);
    assert.match(why['preview-pr-12'] ?? '', /recorded by kubectl\/v1\.36\.0, not by kube-gitops/);
    assert.match(run.summary, /\| `preview-pr-9` \| left alone: its ApplySet parent Secret/);
    assert.match(run.summary, /its name is not preview-pr-&lt;number&gt;/, 'reasons are escaped as data');
    assert.equal(run.swept, '[]');
    assert.equal(run.kept, '[]');
  });

  it('keeps a preview whose pull request GitHub cannot read, warns, still sweeps the others, and fails at the end', async () => {
    for (const n of [13, 14]) await open(n);
    server.pulls.failing.add(13);
    server.pulls.set(14, { state: 'closed', merged: false });
    const run = await sweep();
    assert.ok(cluster.stored(ns('preview-pr-13')) && cluster.stored(cm('preview-pr-13')), 'kept: fail closed');
    assert.equal(cluster.stored(ns('preview-pr-14')), undefined, 'the other is still swept');
    assert.match(run.failure ?? '', /GitHub could not say whether the pull request of preview-pr-13 is closed, so it was kept/);
    assert.ok(run.logger.messages('warning').some((m) => /^Kept preview-pr-13: pull request #13 could not be read \(.*HTTP 500/.test(m)));
    assert.equal(run.kept, '["preview-pr-13"]');
    assert.equal(run.swept, '["preview-pr-14"]');
  });

  it('a preview whose removal fails keeps its namespace and fails the sweep at the end; the next one is still swept', async () => {
    for (const n of [16, 17]) {
      await open(n);
      server.pulls.set(n, { state: 'closed', merged: false });
    }
    cluster.failOn(
      'delete',
      { kind: 'ConfigMap', namespace: 'preview-pr-16' },
      () => new ClusterError('configmaps "web-settings" is forbidden', 403, 'Forbidden'),
    );
    const run = await sweep();
    assert.ok(cluster.stored(ns('preview-pr-16')), 'nothing is deleted past a failure: the namespace stays');
    assert.equal(cluster.stored(ns('preview-pr-17')), undefined);
    assert.deepEqual(
      run.rows.map((r) => [r.namespace, r.outcome]),
      [
        ['preview-pr-16', 'failed'],
        ['preview-pr-17', 'swept'],
      ],
    );
    assert.match(run.failure ?? '', /removing preview-pr-16 failed/);
    assert.match(previewComment(16)[0]?.body ?? '', /Preview not removed[^]*Removing the preview failed/);
    assert.equal(run.kept, '["preview-pr-16"]');
  });

  it('removes a preview past its TTL without asking GitHub, and keeps one within it', async () => {
    await open(15, { preview: { ...settingsWith().preview, ttlMs: 60_000 } }, new Date('2026-12-01T10:00:00Z'));
    const within = await sweep({}, new Date('2026-12-01T10:00:59Z'));
    assert.ok(cluster.stored(ns('preview-pr-15')));
    assert.match(within.rows[0]?.why ?? '', /open; TTL 60s after the last apply at 2026-12-01T10:00:00\.000Z: expires at 2026-12-01T10:01:00\.000Z/);
    const reads = server.pulls.reads.length;
    const past = await sweep({}, new Date('2026-12-01T10:01:00Z'));
    assert.equal(cluster.stored(ns('preview-pr-15')), undefined);
    assert.equal(server.pulls.reads.length, reads, 'no GitHub read for an expired preview');
    assert.match(past.rows[0]?.why ?? '', /^its TTL ran out \(TTL 60s after the last apply/);
    assert.match(previewComment(15)[0]?.body ?? '', /Removed by the scheduled preview sweep: its TTL ran out/);
  });

  it('runs only on schedule and workflow_dispatch, and only with a token', async () => {
    const deps = applyModeDeps(settingsWith(), cluster, new RecordingLogger(), { apiUrl: server.url, token: TOKEN });
    await assert.rejects(runPreviewSweep(settingsWith(), event('push', {}), deps), /runs on schedule and workflow_dispatch events; this is a 'push' event/);
    const { github: _github, ...noToken } = deps;
    await assert.rejects(runPreviewSweep(settingsWith(), event('workflow_dispatch', {}), noToken), /set the input 'github-token'/);
    assert.deepEqual(cluster.calls, []);
  });
});
