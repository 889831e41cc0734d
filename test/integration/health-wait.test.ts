import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { waitForHealth, type HealthResult, type WaitOptions } from '../../src/wait/health-wait.js';
import type { ResourceType } from '../../src/cluster/cluster-client.js';
import type { K8sClient } from '../../src/cluster/k8s-client.js';
import { RecordingLogger } from '../../src/model/logger.js';
import { systemClock } from '../../src/model/clock.js';
import type { JsonObject, KubeObject } from '../../src/objects/kube-object.js';
import { refOf } from '../../src/objects/object-ref.js';
import { CRASH_LOOP_LABEL, NEVER_READY_LABEL } from '../cluster/kwok-stages.js';
import { testCluster, testNamespace, uniqueName } from '../support/test-cluster.js';

const manager = { fieldManager: 'kube-gitops-test', force: false, dryRun: false };

function deployment(ns: string, name: string, podLabels: Record<string, string> = {}, extra: JsonObject = {}, image = 'registry.example/app:1'): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: ns },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name, ...podLabels } }, spec: { containers: [{ name: 'app', image }] } },
      ...extra,
    },
  };
}

describe('waiting for applied objects to become healthy on the local control plane', () => {
  let client: K8sClient;
  let types: ResourceType[];
  let ns: { name: string; cleanup: () => Promise<void> };
  before(async () => {
    client = (await testCluster()).client();
    types = await client.resourceTypes();
    ns = await testNamespace('health');
  });
  after(async () => ns.cleanup());

  function typeOf(obj: KubeObject): ResourceType {
    const ref = refOf(obj);
    const type = types.find((t) => t.group === ref.group && t.version === ref.version && t.kind === ref.kind);
    assert.ok(type, `${obj.apiVersion} ${obj.kind} is served`);
    return type;
  }

  /** Applies the objects, then waits for them all; returns the results and the logger. */
  async function applyAndWait(
    objects: KubeObject[],
    options: Partial<WaitOptions> = {},
  ): Promise<{ results: HealthResult[]; logger: RecordingLogger; elapsedMs: number }> {
    for (const obj of objects) await client.apply(typeOf(obj), obj, manager);
    const logger = new RecordingLogger();
    const start = Date.now();
    const results = await waitForHealth(
      client,
      objects.map((o) => ({ type: typeOf(o), ref: refOf(o) })),
      { timeoutMs: 60_000, intervalMs: 500, concurrency: 4, logger, ...options },
    );
    return { results, logger, elapsedMs: Date.now() - start };
  }

  it('reports a 2-replica Deployment healthy once both replicas are available, logging its duration', async () => {
    const { results, logger } = await applyAndWait([deployment(ns.name, 'web')]);
    assert.deepEqual(
      results.map((r) => [r.state, r.message, r.events]),
      [['healthy', '2 of 2 replicas available', []]],
    );
    assert.ok(
      logger.messages('info').some((m) => /^Deployment\/health-\w+\/web is healthy after [\d.]+m?s: /.test(m)),
      logger.messages().join('\n'),
    );
  });

  it('fails a never-ready Deployment on ProgressDeadlineExceeded well before the timeout', async () => {
    const timeoutMs = 60_000;
    const stuck = deployment(ns.name, 'stuck', { [NEVER_READY_LABEL]: 'true' }, { progressDeadlineSeconds: 5 });
    const { results, elapsedMs } = await applyAndWait([stuck], { timeoutMs });
    const [result] = results;
    assert.equal(result?.state, 'failed');
    assert.match(result!.message, /ProgressDeadlineExceeded/);
    assert.doesNotMatch(result!.message, /^timed out/, 'decided on the progress deadline, not at the timeout');
    assert.ok(result!.events.length > 0 && result!.events.length <= 5, `events: ${JSON.stringify(result!.events)}`);
    assert.ok(
      result!.events.some((e) => e.startsWith('ScalingReplicaSet: ')),
      `events: ${JSON.stringify(result!.events)}`,
    );
    process.stderr.write(`[health] progress deadline failure detected after ${elapsedMs} ms\n`);
  });

  it('fails a Deployment whose pods are in CrashLoopBackOff, naming the pod and container', async () => {
    const { results, elapsedMs } = await applyAndWait([deployment(ns.name, 'crashy', { [CRASH_LOOP_LABEL]: 'true' })]);
    const [result] = results;
    assert.equal(result?.state, 'failed');
    assert.match(result!.message, /^pod crashy-[a-z0-9]+-[a-z0-9]+: container app is in CrashLoopBackOff: back-off 5m0s restarting failed container$/);
    process.stderr.write(`[health] CrashLoopBackOff failure detected after ${elapsedMs} ms\n`);
  });

  it('reports a CustomResourceDefinition healthy once Established', async () => {
    const group = `${uniqueName('h')}.kube-gitops.test`;
    const crd: KubeObject = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: `gadgets.${group}` },
      spec: {
        group,
        scope: 'Namespaced',
        names: { plural: 'gadgets', singular: 'gadget', kind: 'Gadget', listKind: 'GadgetList' },
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
      },
    };
    try {
      const { results } = await applyAndWait([crd]);
      assert.deepEqual(
        results.map((r) => [r.ref.name, r.state, r.message]),
        [[`gadgets.${group}`, 'healthy', 'established']],
      );
    } finally {
      await client.delete(typeOf(crd), refOf(crd));
    }
  });

  it('reports a Job healthy once kwok has completed its pod', async () => {
    const job: KubeObject = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'migrate', namespace: ns.name },
      spec: { backoffLimit: 0, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'migrate', image: 'registry.example/migrate:1' }] } } },
    };
    const { results } = await applyAndWait([job]);
    assert.deepEqual(
      results.map((r) => [r.state, r.message]),
      [['healthy', 'completed (1 succeeded)']],
    );
  });

  it('reports a ConfigMap healthy immediately', async () => {
    const cm: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: ns.name }, data: { a: '1' } };
    let pauses = 0;
    const counting = { now: () => systemClock.now(), sleep: (ms: number) => ((pauses += 1), systemClock.sleep(ms)) };
    const { results } = await applyAndWait([cm], { intervalMs: 5_000, clock: counting });
    assert.deepEqual(
      results.map((r) => [r.state, r.message]),
      [['healthy', 'nothing to wait for']],
    );
    assert.equal(pauses, 0, 'decided on the first poll, without pausing');
  });

  it('reports a DaemonSet and a StatefulSet healthy once their pods are available', async () => {
    const podSpec = { containers: [{ name: 'app', image: 'registry.example/agent:1' }] };
    const ds: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: ns.name },
      spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: podSpec } },
    };
    const sts: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db', namespace: ns.name },
      spec: { replicas: 2, serviceName: 'db', selector: { matchLabels: { app: 'db' } }, template: { metadata: { labels: { app: 'db' } }, spec: podSpec } },
    };
    const { results } = await applyAndWait([ds, sts]);
    assert.deepEqual(
      results.map((r) => [r.ref.kind, r.state]),
      [
        ['DaemonSet', 'healthy'],
        ['StatefulSet', 'healthy'],
      ],
    );
    assert.match(results[0]!.message, /^(\d+) of \1 scheduled pods available$/);
    assert.equal(results[1]!.message, '2 of 2 replicas ready');
  });

  it('reports a rolling update healthy only after the new ReplicaSet is available and the old one scaled down', async () => {
    const rollout = (image: string) => deployment(ns.name, 'rolling', {}, { minReadySeconds: 2 }, image);
    assert.equal((await applyAndWait([rollout('registry.example/app:v1')])).results[0]?.state, 'healthy');

    const { results } = await applyAndWait([rollout('registry.example/app:v2')]);
    assert.equal(results[0]?.state, 'healthy');
    assert.ok(results[0]!.durationMs >= 2_000, `new pods need minReadySeconds (2 s) to become available; healthy after ${results[0]!.durationMs} ms`);
    const replicaSets = await client.list(
      types.find((t) => t.group === 'apps' && t.kind === 'ReplicaSet')!,
      { namespace: ns.name, labelSelector: 'app=rolling' },
    );
    const byImage = (image: string) => replicaSets.find((rs) => JSON.stringify(rs.spec).includes(image));
    const v2 = byImage('app:v2')?.status as { availableReplicas?: number } | undefined;
    const v1 = byImage('app:v1')?.spec as { replicas?: number } | undefined;
    assert.equal(v2?.availableReplicas, 2, 'the new ReplicaSet is available');
    assert.equal(v1?.replicas, 0, 'the old ReplicaSet is scaled down');
  });

  it('fails a never-ready Deployment without a progress deadline at the timeout, saying what it waited for', async () => {
    const { results, elapsedMs } = await applyAndWait([deployment(ns.name, 'waiting', { [NEVER_READY_LABEL]: 'true' })], { timeoutMs: 4_000 });
    const [result] = results;
    assert.equal(result?.state, 'failed');
    assert.match(result!.message, /^timed out after 4s: 0 of 2 replicas available; pod waiting-[a-z0-9]+-[a-z0-9]+: Pending, not ready; pod waiting-/);
    assert.match(result!.message, /; conditions: .*Available=False \(MinimumReplicasUnavailable/);
    assert.ok(elapsedMs >= 4_000, `timed out after ${elapsedMs} ms`);
    assert.ok(result!.events.length > 0, 'events are attached');
  });

  it('does not report a broken APIService healthy: it waits for Available=True and times out saying why', async () => {
    const group = `${uniqueName('h')}.kube-gitops.test`;
    const apiService: KubeObject = {
      apiVersion: 'apiregistration.k8s.io/v1',
      kind: 'APIService',
      metadata: { name: `v1.${group}` },
      spec: {
        group,
        version: 'v1',
        service: { namespace: ns.name, name: 'no-such-service', port: 443 },
        insecureSkipTLSVerify: true,
        groupPriorityMinimum: 100,
        versionPriority: 10,
      },
    };
    try {
      const { results } = await applyAndWait([apiService], { timeoutMs: 3_000 });
      const [result] = results;
      assert.equal(result?.state, 'failed');
      assert.match(result!.message, /^timed out after 3s: (not available: Available=False \(\w+|no Available condition reported yet)/);
    } finally {
      await client.delete(typeOf(apiService), refOf(apiService));
    }
  });

  it("names the pods that cannot be scheduled, with the scheduler's reason and events, when a rollout times out", async () => {
    const unschedulable = deployment(
      ns.name,
      'nowhere',
      {},
      {
        template: {
          metadata: { labels: { app: 'nowhere' } },
          spec: { nodeSelector: { 'kube-gitops.test/no-such-node': 'true' }, containers: [{ name: 'app', image: 'registry.example/app:1' }] },
        },
      },
    );
    const { results } = await applyAndWait([unschedulable], { timeoutMs: 4_000 });
    const [result] = results;
    assert.equal(result?.state, 'failed');
    assert.match(
      result!.message,
      /^timed out after 4s: 0 of 2 replicas available; pod nowhere-[a-z0-9]+-[a-z0-9]+: Pending, not scheduled \(Unschedulable: 0\/\d+ nodes are available: .*node\(s\) didn't match Pod's node affinity\/selector/,
    );
    assert.match(result!.message, /; and 1 more pod\(s\)|; pod nowhere-[a-z0-9]+-[a-z0-9]+: Pending, not scheduled .*; pod nowhere-/);
    assert.ok(
      result!.events.some((e) => e.startsWith('FailedScheduling: ')),
      `events: ${JSON.stringify(result!.events)}`,
    );
  });
});
