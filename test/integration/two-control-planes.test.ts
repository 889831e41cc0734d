// Two control planes run at once, as a fleet's clusters do: the main one and the second plane
// (test/support/test-cluster.ts secondTestCluster), each with its own server, state directory and CA.
// A plan against one is served by that one alone: its API server's dry-run count grows by exactly
// the dry-runs the plan made, and the other's does not move.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { RecordingLogger } from '../../src/model/logger.js';
import type { DesiredObject } from '../../src/objects/desired-object.js';
import type { KubeObject } from '../../src/objects/kube-object.js';
import { planChanges, type PlanResult } from '../../src/plan/planner.js';
import { dryRunRequests } from '../support/dry-run-requests.js';
import { secondTestCluster, testCluster, testNamespace, type TestCluster } from '../support/test-cluster.js';
import { testApplySettings } from '../support/test-settings.js';

type Namespace = Awaited<ReturnType<typeof testNamespace>>;

/**
 * LimitRanges: a kind no other test plans, so the counts below see only this test's dry-runs even if
 * something else used the shared plane meanwhile.
 */
function limitRanges(prefix: string, count: number): DesiredObject[] {
  return Array.from({ length: count }, (_, i) => ({
    object: {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: `${prefix}-${i}` },
      spec: { limits: [{ type: 'Container', default: { cpu: `${100 + i}m` } }] },
    } as unknown as KubeObject,
    source: { file: 'base/limits.yaml', line: 1 + 8 * i },
  }));
}

function plan(cluster: TestCluster, namespace: string, objects: DesiredObject[]): Promise<PlanResult> {
  const settings = testApplySettings({ target: `fleet-${namespace}`, namespace, commit: 'f'.repeat(40) });
  return planChanges(objects, cluster.client(), settings, new RecordingLogger());
}

/** Dry-run requests served by each plane so far for LimitRanges: every verb, and server-side applies. */
async function counts(planes: TestCluster[]): Promise<number[][]> {
  return Promise.all(
    planes.map(async (p) => [await dryRunRequests(p, { resource: 'limitranges' }), await dryRunRequests(p, { verb: 'APPLY', resource: 'limitranges' })]),
  );
}

const since = (before: number[][], after: number[][]) => after.map((plane, i) => plane.map((n, j) => n - (before[i]?.[j] ?? 0)));

describe('two control planes at once', () => {
  let first: TestCluster;
  let second: TestCluster;
  const namespaces: Namespace[] = [];

  before(async () => {
    [first, second] = await Promise.all([testCluster(), secondTestCluster()]);
    namespaces.push(await testNamespace('fleet-a', Promise.resolve(first)), await testNamespace('fleet-b', Promise.resolve(second)));
  });
  after(async () => {
    for (const ns of namespaces) await ns.cleanup();
  });

  it('runs both, each with its own API server, state directory and certificate authority', async () => {
    assert.notEqual(first.state.server, second.state.server);
    assert.notEqual(first.state.dir, second.state.dir);
    assert.equal(second.state.plane, 'second');
    for (const plane of [first, second]) {
      assert.match(plane.state.server, /^https:\/\/127\.0\.0\.1:\d+$/);
      assert.equal((await plane.kubectl(['get', '--raw', '/readyz'])).trim(), 'ok');
    }
    const ca = (c: TestCluster) => /certificate-authority-data: (\S+)/.exec(c.kubeconfigText)?.[1];
    assert.ok(ca(first) !== undefined && ca(first) !== ca(second), 'the planes share a CA');
    // One plane's credentials are not the other's: the first's kubeconfig is refused by the second's server.
    const crossed = path.join(mkdtempSync(path.join(tmpdir(), 'planes-')), 'crossed.kubeconfig');
    writeFileSync(crossed, first.kubeconfigText.replace(first.state.server, second.state.server), { mode: 0o600 });
    await assert.rejects(first.kubectl([`--kubeconfig=${crossed}`, 'get', 'namespaces']), /certificate signed by unknown authority/);
  });

  it('gives the second plane what a target’s apply and prune need: the default ServiceAccount, finished deletions', async () => {
    const ns = namespaces[1]?.name ?? '';
    assert.equal((await second.kubectl(['get', 'serviceaccount', 'default', '-n', ns, '-o', 'name'])).trim(), 'serviceaccount/default');
    await second.kubectl(['create', 'configmap', 'foreground', '-n', ns]);
    // A prune deletes in the foreground: only the garbage collector finishes such a deletion.
    await second.kubectl(['delete', 'configmap', 'foreground', '-n', ns, '--cascade=foreground', '--timeout=120s']);
    assert.equal((await second.kubectl(['get', 'configmap', 'foreground', '-n', ns, '--ignore-not-found', '-o', 'name'])).trim(), '');
  });

  it('counts a plan’s dry-runs on the plane it ran against, and none on the other', async () => {
    const [a = '', b = ''] = namespaces.map((n) => n.name);
    const start = await counts([first, second]);

    const onFirst = await plan(first, a, limitRanges('shared', 2));
    assert.deepEqual(onFirst.plan.problems, []);
    assert.deepEqual(
      onFirst.plan.entries.map((e) => e.action),
      ['create', 'create'],
    );
    const middle = await counts([first, second]);
    assert.deepEqual(since(start, middle), [
      [2, 2],
      [0, 0],
    ]);

    const onSecond = await plan(second, b, limitRanges('shared', 3));
    assert.deepEqual(onSecond.plan.problems, []);
    assert.deepEqual(
      onSecond.plan.entries.map((e) => e.action),
      ['create', 'create', 'create'],
    );
    const end = await counts([first, second]);
    assert.deepEqual(since(middle, end), [
      [0, 0],
      [3, 3],
    ]);
  });
});
