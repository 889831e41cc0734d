// The merge pipeline of a target with hooks and waves, against the in-memory FakeCluster: the order
// of the writes, when hooks run again, what a failed hook or an unhealthy wave stops, and prune order.
// test/integration/waves-hooks.test.ts runs the same against the local control plane with real Jobs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applySetId, HOOK_DIGESTS_ANNOTATION, withMemberLabel } from '../../../src/inventory/applyset.js';
import { RecordingLogger } from '../../../src/model/logger.js';
import { getAnnotations, type KubeObject } from '../../../src/objects/kube-object.js';
import { formatRef } from '../../../src/objects/object-ref.js';
import { ApplyRefusedError } from '../../../src/model/apply-refused.js';
import { runApply, type ApplyReport, type ApplySettings } from '../../../src/run/apply-run.js';
import { FakeClock } from '../../support/fake-clock.js';
import { describeCall, FakeCluster } from '../../support/fake-cluster.js';

const TARGET = 'shop';
const SET_ID = applySetId(`kube-gitops-${TARGET}`, 'apps');
const settings: ApplySettings = {
  target: TARGET,
  commit: 'c0ffee1',
  namespace: 'apps',
  inventoryNamespace: 'apps',
  fieldManager: 'kube-gitops',
  forceConflicts: false,
  prune: true,
  pruneDangerous: false,
  concurrency: 1,
  allowEmpty: false,
  wait: false,
  timeoutMs: 30_000,
};

const meta = (name: string, annotations: Record<string, string>) => ({
  name,
  namespace: 'apps',
  ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
});
const configMap = (name: string, annotations: Record<string, string> = {}, data: Record<string, string> = { k: 'v' }): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: meta(name, annotations),
  data,
});
const service = (name: string, annotations: Record<string, string> = {}, port = 80): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: meta(name, annotations),
  spec: { ports: [{ port }] },
});
const job = (name: string, annotations: Record<string, string>): KubeObject => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: meta(name, annotations),
  spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'm', image: 'migrate:1' }] } } },
});
const deployment = (name: string, annotations: Record<string, string>): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: meta(name, annotations),
  spec: {
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'web:1' }] } },
  },
});
const wave = (n: number) => ({ 'kube-gitops.io/apply-wave': String(n) });
const preApply = { 'kube-gitops.io/hook': 'pre-apply' };

/** A ConfigMap as a hook: healthy as soon as it exists, so the fake can run it. */
const marker = (name: string, phase: string) => configMap(name, { 'kube-gitops.io/hook': phase });

async function run(
  cluster: FakeCluster,
  objects: KubeObject[],
  overrides: Partial<ApplySettings> = {},
): Promise<{ report: ApplyReport; logger: RecordingLogger }> {
  const logger = new RecordingLogger();
  const desired = objects.map((object, i) => ({ object, source: { file: 'deploy/shop.yaml', line: 1 + i * 10 } }));
  const report = await runApply(
    desired,
    { ...settings, ...overrides },
    { client: cluster, logger, version: '0.1.0', now: () => new Date('2026-02-01T00:00:00.000Z'), clock: new FakeClock() },
  );
  return { report, logger };
}

/** The real writes to objects of the manifests (not the ApplySet parent), in order. */
const objectWrites = (cluster: FakeCluster): string[] =>
  cluster
    .writes()
    .filter((c) => !(c.kind === 'Secret' && c.name === `kube-gitops-${TARGET}`))
    .map(describeCall);

describe('a merge with hooks and waves', () => {
  const manifests = (port = 80) => [
    service('late', wave(1), port),
    marker('after', 'post-apply'),
    service('early', wave(0)),
    marker('before', 'pre-apply'),
    configMap('config'),
  ];

  it('applies setup, then the pre-apply hook, then wave 0, then wave 1, then the post-apply hook', async () => {
    const cluster = new FakeCluster({ namespaces: ['apps'] });
    const { report } = await run(cluster, manifests());

    assert.equal(report.succeeded, true);
    assert.deepEqual(objectWrites(cluster), [
      'apply ConfigMap/apps/config',
      'apply ConfigMap/apps/before',
      'apply Service/apps/early',
      'apply Service/apps/late',
      'apply ConfigMap/apps/after',
    ]);
    assert.deepEqual(
      report.hooks.map((h) => `${h.phase} ${formatRef(h.ref)} ${h.state}`),
      ['pre-apply ConfigMap/apps/before succeeded', 'post-apply ConfigMap/apps/after succeeded'],
    );
    const parent = cluster.stored({ group: '', version: 'v1', kind: 'Secret', namespace: 'apps', name: `kube-gitops-${TARGET}` });
    assert.ok(parent && getAnnotations(parent)[HOOK_DIGESTS_ANNOTATION]?.includes('ConfigMap/apps/before'), 'the parent records what the hooks ran from');
  });

  it("deletes hook-succeeded hooks only once every hook of their phase succeeded, the last first (Helm's order)", async () => {
    const cluster = new FakeCluster({ namespaces: ['apps'] });
    const policy = { 'helm.sh/hook-delete-policy': 'hook-succeeded' };
    const hook = (name: string, weight: string) => configMap(name, { 'helm.sh/hook': 'pre-install,pre-upgrade', 'helm.sh/hook-weight': weight, ...policy });
    // cert-manager's shape: a ServiceAccount-like hook first, the Job-like hook that needs it after.
    const { report } = await run(cluster, [hook('account', '-5'), hook('check', '1'), configMap('config'), marker('after', 'post-apply')]);
    assert.equal(report.succeeded, true);
    assert.deepEqual(
      objectWrites(cluster).filter((w) => w !== 'apply ConfigMap/apps/config'),
      [
        'apply ConfigMap/apps/account',
        'apply ConfigMap/apps/check',
        'delete ConfigMap/apps/check',
        'delete ConfigMap/apps/account',
        'apply ConfigMap/apps/after',
      ],
    );
    assert.deepEqual(
      report.hooks.map((h) => `${h.ref.name} ${h.deleted}`),
      ['account true', 'check true', 'after false'],
    );
  });

  it('does not run the hooks again on a re-run with nothing to do, and runs them again (deleted, then created) when a wave object changes', async () => {
    const cluster = new FakeCluster({ namespaces: ['apps'] });
    await run(cluster, manifests());
    const afterFirst = cluster.calls.length;

    const rerun = await run(cluster, manifests());
    assert.deepEqual(rerun.report.hooks, []);
    assert.deepEqual(
      cluster.calls.slice(afterFirst).filter((c) => (c.verb === 'apply' || c.verb === 'delete') && !c.dryRun),
      [],
      'nothing written',
    );
    const hook = rerun.report.planResult.plan.entries.find((e) => e.ref.name === 'before');
    assert.equal(hook?.action, 'unchanged');
    assert.equal(hook?.phase?.hook?.runs, false);

    const beforeChange = cluster.calls.length;
    const changed = await run(cluster, manifests(81));
    assert.equal(changed.report.succeeded, true);
    assert.deepEqual(
      cluster.calls
        .slice(beforeChange)
        .filter((c) => !c.dryRun && (c.verb === 'apply' || c.verb === 'delete') && c.kind !== 'Secret')
        .map(describeCall),
      ['delete ConfigMap/apps/before', 'apply ConfigMap/apps/before', 'apply Service/apps/late', 'delete ConfigMap/apps/after', 'apply ConfigMap/apps/after'],
    );
    const entry = changed.report.planResult.plan.entries.find((e) => e.ref.name === 'before');
    assert.equal(entry?.action, 'replace');
    assert.match(entry?.notes[0] ?? '', /^Runs on this merge: the merge writes 1 other object\(s\)\. The live object is deleted and created again\.$/);
  });

  it('stops at a pre-apply hook that does not complete in time: no wave written, nothing pruned, the failure names the hook', async () => {
    const cluster = new FakeCluster({ namespaces: ['apps'] }).seedApplied('kube-gitops', withMemberLabel(configMap('old'), SET_ID));
    await run(cluster, [configMap('old'), service('web', wave(0))]);
    const before = cluster.calls.length;

    const { report, logger } = await run(cluster, [configMap('config'), job('migrate', preApply), service('web', wave(0), 81), service('next', wave(1))]);

    assert.equal(report.succeeded, false);
    assert.equal(report.prune, undefined);
    assert.equal(report.stoppedAt, 'pre-apply hook Job/apps/migrate');
    assert.deepEqual(report.skippedSteps, ['wave 0', 'wave 1']);
    const written = cluster.calls.slice(before).filter((c) => !c.dryRun && (c.verb === 'apply' || c.verb === 'delete') && c.kind !== 'Secret');
    assert.deepEqual(written.map(describeCall), ['apply ConfigMap/apps/config', 'apply Job/apps/migrate']);
    assert.ok(cluster.stored({ group: '', version: 'v1', kind: 'ConfigMap', namespace: 'apps', name: 'old' }), 'the member that left Git is not pruned');
    assert.match(`${report.outcome.failed[0]?.cause}: ${report.outcome.failed[0]?.message}`, /^hook: the pre-apply hook Job\/apps\/migrate did not complete: /);
    assert.ok(logger.messages('error').includes('The run stopped at pre-apply hook Job/apps/migrate: later steps are not started, and nothing is pruned.'));
  });

  it('stops at a wave that does not become healthy: later waves and post-apply hooks not started, nothing pruned', async () => {
    const cluster = new FakeCluster({ namespaces: ['apps'] }).seedApplied('kube-gitops', withMemberLabel(configMap('old'), SET_ID));
    await run(cluster, [configMap('old')]);
    const before = cluster.calls.length;

    const { report } = await run(cluster, [deployment('web', wave(0)), service('web', wave(1)), marker('after', 'post-apply')]);

    assert.equal(report.succeeded, false);
    assert.equal(report.stoppedAt, 'wave 0');
    assert.deepEqual(report.skippedSteps, ['wave 1', 'post-apply hook ConfigMap/apps/after']);
    assert.equal(report.prune, undefined);
    const written = cluster.calls.slice(before).filter((c) => !c.dryRun && (c.verb === 'apply' || c.verb === 'delete') && c.kind !== 'Secret');
    assert.deepEqual(written.map(describeCall), ['apply Deployment/apps/web']);
    assert.equal(report.health.find((h) => h.ref.name === 'web')?.state, 'failed');
  });

  it('prunes in reverse wave order once every wave is healthy, also when the waves left are only those of the members leaving', async () => {
    const cluster = new FakeCluster({ namespaces: ['apps'] });
    await run(cluster, [service('zero', wave(0)), service('one', wave(1)), service('two', wave(2)), service('stays', wave(0))]);
    const before = cluster.calls.length;

    const { report } = await run(cluster, [service('stays', wave(0))]);

    assert.equal(report.succeeded, true);
    assert.deepEqual(
      cluster.calls
        .slice(before)
        .filter((c) => c.verb === 'delete' && !c.dryRun)
        .map(describeCall),
      ['delete Service/apps/two', 'delete Service/apps/one', 'delete Service/apps/zero'],
    );
  });

  it('refuses an invalid wave and a Deployment as a pre-apply hook at file:line, writing nothing', async () => {
    const cluster = new FakeCluster({ namespaces: ['apps'] });
    await assert.rejects(
      run(cluster, [service('web', { 'kube-gitops.io/apply-wave': 'soon' }), deployment('web', preApply)]),
      (error: unknown) =>
        error instanceof ApplyRefusedError &&
        error.message.includes('deploy/shop.yaml:1: Service/apps/web: kube-gitops.io/apply-wave is "soon"') &&
        error.message.includes('deploy/shop.yaml:11: Deployment/apps/web is a pre-apply hook, but a Deployment runs until it is stopped'),
    );
    assert.deepEqual(cluster.writes(), []);
  });
});
