import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ResourceType } from '../../src/cluster/cluster-client.js';
import { isConflict, isImmutableError } from '../../src/cluster/cluster-error.js';
import type { K8sClient } from '../../src/cluster/k8s-client.js';
import type { KubeObject } from '../../src/objects/kube-object.js';
import { CRASH_LOOP_LABEL, NEVER_READY_LABEL } from '../cluster/kwok-stages.js';
import { testCluster, testNamespace, uniqueName, type TestCluster } from '../support/test-cluster.js';

const manager = { fieldManager: 'kube-gitops-test', force: false, dryRun: false };

async function typeOf(client: K8sClient, group: string, kind: string): Promise<ResourceType> {
  const types = await client.resourceTypes();
  const t = types.find((r) => r.group === group && r.kind === kind);
  assert.ok(t, `${group}/${kind} is discovered`);
  return t;
}

function deployment(ns: string, name: string, labels: Record<string, string> = {}, extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: ns },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name, ...labels } }, spec: { containers: [{ name: 'app', image: 'registry.example/app:1' }] } },
      ...extra,
    },
  } as KubeObject;
}

async function waitForCondition(c: TestCluster, ns: string, name: string, type: string, status: string, reason?: string): Promise<Record<string, unknown>> {
  const client = c.client();
  const t = await typeOf(client, 'apps', 'Deployment');
  const deadline = Date.now() + 90_000;
  for (;;) {
    const live = await client.get(t, { group: 'apps', version: 'v1', kind: 'Deployment', namespace: ns, name });
    const conditions = (live?.status as { conditions?: Record<string, unknown>[] } | undefined)?.conditions ?? [];
    const hit = conditions.find((x) => x.type === type && x.status === status && (!reason || x.reason === reason));
    if (hit && live) return live as Record<string, unknown>;
    if (Date.now() > deadline) assert.fail(`Deployment ${ns}/${name} never reached ${type}=${status} ${reason ?? ''}: ${JSON.stringify(conditions)}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

describe('the cluster adapter against the local control plane', () => {
  let c: TestCluster;
  let ns: { name: string; cleanup: () => Promise<void> };
  before(async () => {
    c = await testCluster();
    ns = await testNamespace('adapter');
  });
  after(async () => ns.cleanup());

  it('reports a Kubernetes 1.36 server', async () => {
    assert.match(await c.client().serverVersion(), /^v1\.36\./);
  });

  it('discovers core, apps and apiextensions resource types in one pass', async () => {
    const client = c.client();
    const types = await client.resourceTypes();
    const cm = types.find((t) => t.group === '' && t.kind === 'ConfigMap');
    assert.deepEqual(cm && { plural: cm.plural, namespaced: cm.namespaced }, { plural: 'configmaps', namespaced: true });
    const crd = types.find((t) => t.kind === 'CustomResourceDefinition');
    assert.equal(crd?.namespaced, false);
    assert.ok(types.some((t) => t.group === 'apps' && t.kind === 'Deployment' && t.verbs.includes('patch')));
  });

  it('server-side applies a ConfigMap and reads it back with timestamps as strings and managedFields intact', async () => {
    const client = c.client();
    const t = await typeOf(client, '', 'ConfigMap');
    const obj = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: ns.name }, data: { a: '1' } } as KubeObject;
    const applied = await client.apply(t, obj, manager);
    const live = await client.get(t, { group: '', version: 'v1', kind: 'ConfigMap', namespace: ns.name, name: 'settings' });
    assert.ok(live);
    assert.equal(typeof live.metadata.creationTimestamp, 'string');
    assert.match(String(live.metadata.creationTimestamp), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/, 'no .000Z milliseconds added');
    const managers = live.metadata.managedFields as { manager: string; operation: string; time: unknown }[];
    assert.deepEqual(
      managers.map((m) => [m.manager, m.operation]),
      [['kube-gitops-test', 'Apply']],
    );
    assert.equal(typeof managers[0]!.time, 'string');
    assert.equal(applied.object.metadata.resourceVersion, live.metadata.resourceVersion);
    assert.deepEqual(live.data, { a: '1' });
  });

  it('dry-run apply returns the merged object without storing it, and says whether it would create it', async () => {
    const client = c.client();
    const t = await typeOf(client, '', 'ConfigMap');
    const name = uniqueName('dry');
    const res = await client.apply(t, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns.name }, data: { x: 'y' } } as KubeObject, {
      ...manager,
      dryRun: true,
    });
    assert.equal(res.object.metadata.name, name);
    assert.equal(res.created, true);
    assert.equal(await client.get(t, { group: '', version: 'v1', kind: 'ConfigMap', namespace: ns.name, name }), undefined);
    await client.apply(t, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns.name }, data: { x: 'y' } } as KubeObject, manager);
    const again = await client.apply(t, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns.name }, data: { x: 'z' } } as KubeObject, {
      ...manager,
      dryRun: true,
    });
    assert.equal(again.created, false);
  });

  it('keeps unknown fields of a custom resource whose CRD preserves them (the typed client would drop them)', async () => {
    const client = c.client();
    const group = `${uniqueName('t')}.kube-gitops.test`;
    const crdType = await typeOf(client, 'apiextensions.k8s.io', 'CustomResourceDefinition');
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: `widgets.${group}` },
      spec: {
        group,
        scope: 'Namespaced',
        names: { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList' },
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: {
              openAPIV3Schema: {
                type: 'object',
                properties: {
                  spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
                },
              },
            },
          },
        ],
      },
    } as KubeObject;
    await client.apply(crdType, crd, manager);
    const readBack = await client.get(crdType, { group: 'apiextensions.k8s.io', version: 'v1', kind: 'CustomResourceDefinition', name: `widgets.${group}` });
    const schema = (readBack?.spec as { versions: { schema: { openAPIV3Schema: { properties: { spec: Record<string, unknown> } } } }[] }).versions[0]!.schema
      .openAPIV3Schema;
    assert.equal(schema.properties.spec['x-kubernetes-preserve-unknown-fields'], true);

    let widgetType: ResourceType | undefined;
    for (let i = 0; i < 100 && !widgetType; i++) {
      widgetType = (await client.resourceTypes(true)).find((t) => t.group === group && t.kind === 'Widget');
      if (!widgetType) await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(widgetType, 'the new kind appears after a discovery refresh');
    const widget = {
      apiVersion: `${group}/v1`,
      kind: 'Widget',
      metadata: { name: 'w', namespace: ns.name },
      spec: { anything: { nested: [1, 'two', { deep: true }] }, when: '2024-01-01T00:00:00Z' },
    } as KubeObject;
    await client.apply(widgetType, widget, manager);
    const live = await client.get(widgetType, { group, version: 'v1', kind: 'Widget', namespace: ns.name, name: 'w' });
    assert.deepEqual(live?.spec, widget.spec);
    const listed = await client.list(widgetType, { namespace: ns.name });
    assert.deepEqual(
      listed.map((o) => [o.apiVersion, o.kind, o.metadata.name]),
      [[`${group}/v1`, 'Widget', 'w']],
    );
    await client.delete(crdType, { group: 'apiextensions.k8s.io', version: 'v1', kind: 'CustomResourceDefinition', name: `widgets.${group}` });
  });

  it('maps a field-manager conflict to a Conflict error naming the other manager', async () => {
    const client = c.client();
    const t = await typeOf(client, '', 'ConfigMap');
    const obj = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'contested', namespace: ns.name }, data: { k: 'a' } } as KubeObject;
    await client.apply(t, obj, { ...manager, fieldManager: 'someone-else' });
    const error = await client.apply(t, { ...obj, data: { k: 'b' } }, manager).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(isConflict(error), `expected a conflict, got ${String(error)}`);
    assert.match(error.message, /someone-else/);
    assert.doesNotMatch(error.message, /Headers|HTTP-Code/);
  });

  it('maps a change of an immutable field to an immutable error', async () => {
    const client = c.client();
    const t = await typeOf(client, 'apps', 'Deployment');
    const name = uniqueName('imm');
    await client.apply(t, deployment(ns.name, name), manager);
    const changed = deployment(ns.name, name);
    (changed.spec as { selector: unknown }).selector = { matchLabels: { app: name, tier: 'x' } };
    (changed.spec as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels.tier = 'x';
    const error = await client.apply(t, changed, { ...manager, dryRun: true }).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(isImmutableError(error), `expected an immutable-field error, got ${String(error)}`);
  });

  it('rolls a 2-replica Deployment out to Available on kwok nodes', async () => {
    const client = c.client();
    const t = await typeOf(client, 'apps', 'Deployment');
    await client.apply(t, deployment(ns.name, 'web'), manager);
    const live = await waitForCondition(c, ns.name, 'web', 'Available', 'True');
    const deadline = Date.now() + 60_000;
    let status = live.status as { availableReplicas?: number; updatedReplicas?: number };
    while ((status.availableReplicas ?? 0) < 2 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 300));
      status = (await client.get(t, { group: 'apps', version: 'v1', kind: 'Deployment', namespace: ns.name, name: 'web' }))!.status as typeof status;
    }
    assert.equal(status.availableReplicas, 2);
    assert.equal(status.updatedReplicas, 2);
  });

  it('lets a test produce a failed rollout: pods marked never-ready hit the progress deadline', async () => {
    const client = c.client();
    const t = await typeOf(client, 'apps', 'Deployment');
    await client.apply(t, deployment(ns.name, 'stuck', { [NEVER_READY_LABEL]: 'true' }, { progressDeadlineSeconds: 5 }), manager);
    const live = await waitForCondition(c, ns.name, 'stuck', 'Progressing', 'False', 'ProgressDeadlineExceeded');
    assert.equal((live.status as { availableReplicas?: number }).availableReplicas ?? 0, 0);
  });

  it('lets a test produce pods in CrashLoopBackOff', async () => {
    const client = c.client();
    const t = await typeOf(client, 'apps', 'Deployment');
    await client.apply(t, deployment(ns.name, 'crashy', { [CRASH_LOOP_LABEL]: 'true' }), manager);
    const podType = await typeOf(client, '', 'Pod');
    const deadline = Date.now() + 60_000;
    let reasons: string[] = [];
    while (Date.now() < deadline) {
      const pods = await client.list(podType, { namespace: ns.name, labelSelector: 'app=crashy' });
      reasons = pods.flatMap((p) =>
        ((p.status as { containerStatuses?: { state?: { waiting?: { reason?: string } } }[] } | undefined)?.containerStatuses ?? []).map(
          (s) => s.state?.waiting?.reason ?? '',
        ),
      );
      if (reasons.length === 2 && reasons.every((r) => r === 'CrashLoopBackOff')) break;
      await new Promise((r) => setTimeout(r, 300));
    }
    assert.deepEqual(reasons, ['CrashLoopBackOff', 'CrashLoopBackOff']);
  });
});
