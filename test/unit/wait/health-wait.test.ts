import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { waitForHealth, type WaitOptions, type WaitTarget } from '../../../src/wait/health-wait.js';
import type { ApplyResult, ClusterClient, ListOptions, ResourceType } from '../../../src/cluster/cluster-client.js';
import { ClusterError } from '../../../src/cluster/cluster-error.js';
import { RecordingLogger } from '../../../src/model/logger.js';
import type { JsonObject, KubeObject } from '../../../src/objects/kube-object.js';
import type { ObjectRef } from '../../../src/objects/object-ref.js';
import { FakeClock } from '../../support/fake-clock.js';

type Reading = KubeObject | undefined | Error;

/** Serves scripted readings per object name (the last one repeats) and fixed lists per kind. */
class FakeCluster implements ClusterClient {
  readonly gets: string[] = [];
  readonly lists: { kind: string; options: ListOptions }[] = [];
  inFlight = 0;
  maxInFlight = 0;
  constructor(
    private readonly readings: Record<string, Reading[]>,
    private readonly listed: Record<string, KubeObject[]> = {},
  ) {}

  async get(_type: ResourceType, ref: ObjectRef): Promise<KubeObject | undefined> {
    this.gets.push(ref.name);
    this.maxInFlight = Math.max(this.maxInFlight, ++this.inFlight);
    await new Promise((r) => setTimeout(r, 2));
    this.inFlight--;
    const script = this.readings[ref.name] ?? [];
    const reading = script.length > 1 ? script.shift() : script[0];
    if (reading instanceof Error) throw reading;
    return reading;
  }

  async list(type: ResourceType, options: ListOptions = {}): Promise<KubeObject[]> {
    this.lists.push({ kind: type.kind, options });
    return this.listed[type.kind] ?? [];
  }

  resourceTypes(): Promise<ResourceType[]> {
    return Promise.resolve([]);
  }
  apply(): Promise<ApplyResult> {
    return Promise.reject(new Error('not used'));
  }
  delete(): Promise<void> {
    return Promise.reject(new Error('not used'));
  }
  serverVersion(): Promise<string> {
    return Promise.resolve('v1.36.0');
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

const deploymentType: ResourceType = { group: 'apps', version: 'v1', kind: 'Deployment', plural: 'deployments', namespaced: true, verbs: [] };
const configMapType: ResourceType = { group: '', version: 'v1', kind: 'ConfigMap', plural: 'configmaps', namespaced: true, verbs: [] };

function target(type: ResourceType, name: string): WaitTarget {
  return { type, ref: { group: type.group, version: type.version, kind: type.kind, namespace: 'ns', name } };
}

function deployment(name: string, status: JsonObject, extra: JsonObject = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'ns', generation: 1, uid: `${name}-uid`, annotations: { 'deployment.kubernetes.io/revision': '1' }, ...extra },
    spec: { replicas: 2, selector: { matchLabels: { app: name } } },
    status: { observedGeneration: 1, ...status },
  };
}

const available = { replicas: 2, updatedReplicas: 2, availableReplicas: 2 };
const starting = { replicas: 2, updatedReplicas: 2, availableReplicas: 1 };
const configMap: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', namespace: 'ns' } };

const options = (overrides: Partial<WaitOptions> = {}): WaitOptions => ({
  timeoutMs: 2000,
  intervalMs: 5,
  concurrency: 4,
  logger: new RecordingLogger(),
  clock: new FakeClock(),
  ...overrides,
});

describe('waitForHealth', () => {
  it('returns nothing and reads nothing without targets', async () => {
    const client = new FakeCluster({});
    assert.deepEqual(await waitForHealth(client, [], options()), []);
    assert.deepEqual(client.gets, []);
  });

  it('polls until every object is healthy, in target order, and stops polling healthy ones', async () => {
    const client = new FakeCluster({ web: [deployment('web', starting), deployment('web', starting), deployment('web', available)], cm: [configMap] });
    const logger = new RecordingLogger();
    const results = await waitForHealth(client, [target(deploymentType, 'web'), target(configMapType, 'cm')], options({ logger }));
    assert.deepEqual(
      results.map((r) => [r.ref.name, r.state, r.message]),
      [
        ['web', 'healthy', '2 of 2 replicas available'],
        ['cm', 'healthy', 'nothing to wait for'],
      ],
    );
    assert.deepEqual(
      client.gets.filter((n) => n === 'cm'),
      ['cm'],
      'the ConfigMap is read once',
    );
    assert.equal(client.gets.filter((n) => n === 'web').length, 3);
    assert.ok(logger.hasMessage('Deployment/ns/web is healthy after'));
    assert.ok(logger.hasMessage('ConfigMap/ns/cm is healthy after'));
    // An object with no status to watch gets a debug line; the info lines count them once.
    const info = logger.records.filter((r) => r.level === 'info').map((r) => r.message);
    assert.equal(info.filter((m) => m.startsWith('ConfigMap/ns/cm is healthy')).length, 0, info.join('\n'));
    assert.equal(info.filter((m) => m.startsWith('Deployment/ns/web is healthy')).length, 1, info.join('\n'));
    assert.ok(info.includes('1 object(s) have no status to wait for (healthy once written)'), info.join('\n'));
    assert.deepEqual(
      results.map((r) => r.events),
      [[], []],
    );
  });

  it('fails a Deployment past its progress deadline without waiting for the timeout, and attaches its events', async () => {
    const stuck = deployment('stuck', {
      replicas: 2,
      updatedReplicas: 2,
      conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "stuck-1" has timed out progressing.' }],
    });
    const events = [
      {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: 'e1', namespace: 'ns' },
        reason: 'ScalingReplicaSet',
        message: 'Scaled up to 2',
        involvedObject: { kind: 'Deployment', name: 'stuck', namespace: 'ns', uid: 'stuck-uid' },
        lastTimestamp: '2026-01-01T00:00:00Z',
      },
      {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: 'e2', namespace: 'ns' },
        reason: 'Old',
        message: 'a deleted namesake',
        involvedObject: { kind: 'Deployment', name: 'stuck', namespace: 'ns', uid: 'gone' },
        lastTimestamp: '2026-01-01T00:00:01Z',
      },
    ];
    const client = new FakeCluster({ stuck: [stuck] }, { Event: events });
    const started = Date.now();
    const [result] = await waitForHealth(client, [target(deploymentType, 'stuck')], options({ timeoutMs: 60_000 }));
    assert.ok(Date.now() - started < 5000);
    assert.equal(result?.state, 'failed');
    assert.match(result!.message, /ProgressDeadlineExceeded/);
    assert.deepEqual(result?.events, ['ScalingReplicaSet: Scaled up to 2']);
    const eventList = client.lists.find((l) => l.kind === 'Event');
    assert.deepEqual(eventList?.options, { namespace: 'ns', fieldSelector: 'involvedObject.kind=Deployment,involvedObject.name=stuck' });
  });

  it('fails a rolling-out Deployment whose current pods crash, and adds the pod events', async () => {
    const rs: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: 'crashy-1',
        namespace: 'ns',
        uid: 'rs1',
        annotations: { 'deployment.kubernetes.io/revision': '1' },
        ownerReferences: [{ uid: 'crashy-uid' }],
      },
    };
    const pod = (name: string, owner: string, reason: string): KubeObject => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'ns', uid: `${name}-uid`, ownerReferences: [{ uid: owner }] },
      status: { containerStatuses: [{ name: 'app', state: { waiting: { reason, message: 'back-off 5m0s' } } }] },
    });
    const client = new FakeCluster(
      { crashy: [deployment('crashy', starting)] },
      { ReplicaSet: [rs], Pod: [pod('old-pod', 'rs0', 'CrashLoopBackOff'), pod('crashy-1-abc', 'rs1', 'CrashLoopBackOff')] },
    );
    const [result] = await waitForHealth(client, [target(deploymentType, 'crashy')], options());
    assert.deepEqual([result?.state, result?.message], ['failed', 'pod crashy-1-abc: container app is in CrashLoopBackOff: back-off 5m0s']);
    const podList = client.lists.find((l) => l.kind === 'Pod');
    assert.deepEqual(podList?.options, { namespace: 'ns', labelSelector: 'app=crashy' });
    assert.ok(client.lists.some((l) => l.kind === 'Event' && l.options.fieldSelector === 'involvedObject.kind=Pod,involvedObject.name=crashy-1-abc'));
  });

  it('does not fail a Deployment for crashing pods of its previous revision', async () => {
    const pod: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'old', namespace: 'ns', ownerReferences: [{ uid: 'rs0' }] },
      status: { containerStatuses: [{ name: 'app', state: { waiting: { reason: 'CrashLoopBackOff' } } }] },
    };
    const client = new FakeCluster({ fix: [deployment('fix', starting), deployment('fix', available)] }, { Pod: [pod] });
    const [result] = await waitForHealth(client, [target(deploymentType, 'fix')], options());
    assert.equal(result?.state, 'healthy');
  });

  it('does not look at pods before the controller has observed the new spec (they belong to the previous revision)', async () => {
    const rs: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: 'fix-1',
        namespace: 'ns',
        uid: 'rs1',
        annotations: { 'deployment.kubernetes.io/revision': '1' },
        ownerReferences: [{ uid: 'fix-uid' }],
      },
    };
    const crashing: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'fix-1-a', namespace: 'ns', ownerReferences: [{ uid: 'rs1' }] },
      status: { containerStatuses: [{ name: 'app', state: { waiting: { reason: 'CrashLoopBackOff' } } }] },
    };
    const unobserved = deployment('fix', { ...available, observedGeneration: 1 }, { generation: 2 });
    const observed = deployment('fix', { ...available, observedGeneration: 2 }, { generation: 2 });
    const client = new FakeCluster({ fix: [unobserved, unobserved, observed] }, { ReplicaSet: [rs], Pod: [crashing] });
    const [result] = await waitForHealth(client, [target(deploymentType, 'fix')], options());
    assert.equal(result?.state, 'healthy');
    assert.deepEqual(client.lists, [], 'no pod or ReplicaSet was listed');
  });

  it('fails what is still progressing at the timeout, saying what it waited for', async () => {
    const client = new FakeCluster({
      slow: [deployment('slow', { ...starting, conditions: [{ type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable' }] })],
      cm: [configMap],
    });
    const logger = new RecordingLogger();
    const results = await waitForHealth(client, [target(deploymentType, 'slow'), target(configMapType, 'cm')], options({ timeoutMs: 60, logger }));
    assert.deepEqual(
      results.map((r) => r.state),
      ['failed', 'healthy'],
    );
    assert.equal(results[0]!.message, 'timed out after 60ms: 1 of 2 replicas available; conditions: Available=False (MinimumReplicasUnavailable)');
    assert.ok(results[0]!.durationMs >= 60);
    assert.ok(logger.messages('error').some((m) => m.startsWith('Deployment/ns/slow is not healthy after')));
  });

  it('keeps waiting for an object that is not found yet, then times out', async () => {
    const client = new FakeCluster({ late: [undefined, undefined, deployment('late', available)], never: [undefined] });
    const results = await waitForHealth(client, [target(deploymentType, 'late'), target(deploymentType, 'never')], options({ timeoutMs: 100 }));
    assert.deepEqual(
      results.map((r) => r.state),
      ['healthy', 'failed'],
    );
    assert.equal(results[1]!.message, 'timed out after 100ms: not found in the cluster');
  });

  it('retries transient read errors but fails at once when reading is forbidden', async () => {
    const client = new FakeCluster({
      flaky: [new ClusterError('etcdserver: leader changed', 500, 'InternalError'), deployment('flaky', available)],
      secret: [new ClusterError('deployments.apps "secret" is forbidden', 403, 'Forbidden')],
    });
    const results = await waitForHealth(client, [target(deploymentType, 'flaky'), target(deploymentType, 'secret')], options({ timeoutMs: 60_000 }));
    assert.deepEqual(
      results.map((r) => [r.state, r.message]),
      [
        ['healthy', '2 of 2 replicas available'],
        ['failed', 'cannot read it: deployments.apps "secret" is forbidden'],
      ],
    );
  });

  it('reads at most `concurrency` objects at a time', async () => {
    const names = Array.from({ length: 9 }, (_, i) => `cm${i}`);
    const client = new FakeCluster(Object.fromEntries(names.map((n) => [n, [{ ...configMap, metadata: { name: n, namespace: 'ns' } }]])));
    const results = await waitForHealth(
      client,
      names.map((n) => target(configMapType, n)),
      options({ concurrency: 3 }),
    );
    assert.equal(results.length, 9);
    assert.equal(client.maxInFlight, 3);
  });

  it('measures durations with the injected clock', async () => {
    let t = 1_000;
    const client = new FakeCluster({ web: [deployment('web', starting), deployment('web', available)] });
    const now = () => (t += 250);
    const [result] = await waitForHealth(client, [target(deploymentType, 'web')], options({ clock: { now, sleep: async () => {} }, timeoutMs: 60_000 }));
    assert.equal(result?.state, 'healthy');
    assert.equal(result?.durationMs % 250, 0);
    assert.ok(result!.durationMs >= 500);
  });
});
