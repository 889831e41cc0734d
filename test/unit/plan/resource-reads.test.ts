// The resource delta's cluster reads, against the fake cluster: only the namespaces whose workloads
// change are listed, nodes only for a DaemonSet; a read that fails is said in the delta, never fatal.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ResourceType } from '../../../src/cluster/cluster-client.js';
import { planResources } from '../../../src/plan/resource-reads.js';
import { BUILTIN_TYPES, FakeCluster, forbiddenError } from '../../support/fake-cluster.js';
import { planEntry, workload } from '../../support/plan-entries.js';

const type = (group: string, kind: string, plural: string, namespaced: boolean): ResourceType => ({
  group,
  version: 'v1',
  kind,
  plural,
  namespaced,
  verbs: ['list'],
});
const TYPES = [
  ...BUILTIN_TYPES,
  type('', 'Node', 'nodes', false),
  type('', 'ResourceQuota', 'resourcequotas', true),
  type('', 'LimitRange', 'limitranges', true),
  type('apps', 'DaemonSet', 'daemonsets', true),
];
const web = (replicas: number) => workload('web', { containers: [{ name: 'web', image: 'web:1', resources: { requests: { cpu: '1' } } }] }, { replicas });

describe('the resource delta’s reads', () => {
  it('lists HPAs, LimitRanges and quotas of the namespaces whose workloads change, and no nodes without a DaemonSet', async () => {
    const cluster = new FakeCluster({ types: TYPES });
    const delta = await planResources([planEntry('update', web(1), web(2))], cluster, TYPES, { concurrency: 2 });
    assert.equal(delta.total.low.cpuRequests, 1);
    assert.deepEqual(
      cluster.callsOf('list').map((c) => `${c.kind} ${c.namespace ?? ''}`),
      ['HorizontalPodAutoscaler shop', 'ResourceQuota shop', 'LimitRange shop'],
    );
    assert.deepEqual((await planResources([], cluster, TYPES, { concurrency: 2 })).workloads, []);
    assert.equal(cluster.callsOf('list').length, 3, 'a plan without workload changes reads nothing more');
  });

  it('says what it could not read, and counts a DaemonSet per node when the nodes may not be listed', async () => {
    const cluster = new FakeCluster({ types: TYPES });
    cluster.failOn('list', { kind: 'Node' }, forbiddenError());
    cluster.failOn('list', { kind: 'ResourceQuota' }, forbiddenError());
    const agent = workload('agent', { containers: [{ name: 'a', image: 'a:1', resources: { requests: { cpu: '100m' } } }] }, { kind: 'DaemonSet' });
    const delta = await planResources([planEntry('create', undefined, agent)], cluster, TYPES, { concurrency: 2 });
    assert.deepEqual(delta.workloads[0]?.after, { kind: 'per-node' });
    assert.match(delta.daemonSets ?? '', /^per node: the nodes could not be listed \(.*forbidden.*\), so DaemonSets are left out of the total$/);
    assert.ok(
      delta.problems.some((p) => /^the ResourceQuotas of namespace shop could not be read \(.*forbidden.*\): not counted$/.test(p)),
      delta.problems.join('\n'),
    );
  });
});
