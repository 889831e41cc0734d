// The plan's shortcut: "unchanged" proven from managedFields without a dry-run. Every verdict here
// is checked against the server's own answer (a server-side apply dry-run of the same manifest).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ResourceType } from '../../src/cluster/cluster-client.js';
import type { K8sClient } from '../../src/cluster/k8s-client.js';
import { cloneObject, isJsonObject, type KubeObject } from '../../src/objects/kube-object.js';
import { refOf } from '../../src/objects/object-ref.js';
import { isProvenNoOpApply } from '../../src/plan/no-op-apply.js';
import { jsonEqual, normalizeForDiff } from '../../src/plan/normalize.js';
import { testCluster, testNamespace } from '../support/test-cluster.js';

const MANAGER = 'kube-gitops';
const apply = { fieldManager: MANAGER, force: false, dryRun: false };

interface Verdicts {
  proven: boolean;
  /** The server's answer: the dry-run leaves the object as it is, our managedFields entry included. */
  serverUnchanged: boolean;
  /** What the plan shows after a dry-run: the object without server bookkeeping is the same. */
  planUnchanged: boolean;
}

/** Our manager's entry (controllers keep updating their own entries of a Deployment meanwhile). */
function ourEntry(obj: KubeObject): unknown {
  return (Array.isArray(obj.metadata.managedFields) ? obj.metadata.managedFields : []).find((e) => isJsonObject(e) && e.manager === MANAGER);
}

describe("proving an apply changes nothing, from the live object's managed fields", () => {
  let client: K8sClient;
  let ns: { name: string; cleanup: () => Promise<void> };
  let types: ResourceType[];
  before(async () => {
    client = (await testCluster()).client();
    ns = await testNamespace('noop');
    types = await client.resourceTypes();
  });
  after(() => ns.cleanup());

  const typeOf = (obj: KubeObject) => {
    const ref = refOf(obj);
    const t = types.find((r) => r.group === ref.group && r.version === ref.version && r.kind === ref.kind);
    assert.ok(t, `${obj.apiVersion} ${obj.kind} is served`);
    return t;
  };

  /** Applies `first`, lets `meddle` change the live object, then asks both judges about `second`. */
  async function judge(first: KubeObject, second: KubeObject, meddle?: () => Promise<void>): Promise<Verdicts> {
    const t = typeOf(first);
    await client.apply(t, first, apply);
    await meddle?.();
    const live = await client.get(t, refOf(first));
    assert.ok(live);
    const dryRun = await client.apply(t, second, { ...apply, force: true, dryRun: true });
    return {
      proven: isProvenNoOpApply(second, live, MANAGER),
      serverUnchanged: jsonEqual(normalizeForDiff(dryRun.object), normalizeForDiff(live)) && jsonEqual(ourEntry(dryRun.object), ourEntry(live)),
      planUnchanged: jsonEqual(normalizeForDiff(dryRun.object), normalizeForDiff(live)),
    };
  }

  const service = (name: string): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: ns.name, labels: { app: name } },
    spec: {
      selector: { app: name },
      ports: [
        { name: 'http', port: 80, targetPort: 8080 },
        { name: 'dns', port: 53, protocol: 'UDP' },
      ],
    },
  });
  const deployment = (name: string, image = 'registry.example/app:1'): KubeObject => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: ns.name, annotations: { team: 'a' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [
            {
              name: 'app',
              image,
              args: ['--port', '8080'],
              ports: [{ containerPort: 8080 }],
              env: [
                { name: 'A', value: '1' },
                { name: 'B', value: '2' },
              ],
              resources: { limits: { memory: '64Mi' } },
            },
          ],
          volumes: [{ name: 'tmp', emptyDir: {} }],
        },
      },
    },
  });
  const configMap = (name: string, data: Record<string, string>): KubeObject => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: ns.name },
    data,
  });

  it('proves the same manifest unchanged: ConfigMap, Service with defaulted protocol, Deployment with lists of every kind', async () => {
    for (const obj of [configMap('same', { a: '1' }), service('same'), deployment('same')]) {
      assert.deepEqual(await judge(obj, obj), { proven: true, serverUnchanged: true, planUnchanged: true }, `${obj.kind} re-applied as it is`);
    }
  });

  it('does not prove a changed value, an added field or a removed field', async () => {
    assert.deepEqual(await judge(configMap('value', { a: '1' }), configMap('value', { a: '2' })), {
      proven: false,
      serverUnchanged: false,
      planUnchanged: false,
    });
    assert.deepEqual(await judge(configMap('added', { a: '1' }), configMap('added', { a: '1', b: '2' })), {
      proven: false,
      serverUnchanged: false,
      planUnchanged: false,
    });
    assert.deepEqual(await judge(configMap('removed', { a: '1', b: '2' }), configMap('removed', { a: '1' })), {
      proven: false,
      serverUnchanged: false,
      planUnchanged: false,
    });
    const image = await judge(deployment('image'), deployment('image', 'registry.example/app:2'));
    assert.deepEqual(image, { proven: false, serverUnchanged: false, planUnchanged: false });
    const lessEnv = deployment('env');
    const container = (lessEnv.spec as { template: { spec: { containers: { env: unknown[] }[] } } }).template.spec.containers[0]!;
    container.env = container.env.slice(0, 1);
    assert.deepEqual(await judge(deployment('env'), lessEnv), { proven: false, serverUnchanged: false, planUnchanged: false });
  });

  it('does not prove an object another manager changed (drift), even when the manifest is the same', async () => {
    const cm = configMap('drift', { a: '1' });
    const verdicts = await judge(cm, cm, async () => {
      await client.apply(typeOf(cm), configMap('drift', { a: 'changed by hand' }), { fieldManager: 'kubectl-edit', force: true, dryRun: false });
    });
    assert.deepEqual(verdicts, { proven: false, serverUnchanged: false, planUnchanged: false });
  });

  it('still proves an object whose other fields belong to someone else (their fields are not ours to change)', async () => {
    const cm = configMap('shared', { a: '1' });
    const verdicts = await judge(cm, cm, async () => {
      await client.apply(
        typeOf(cm),
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'shared', namespace: ns.name, labels: { owner: 'other' } } },
        { fieldManager: 'other-tool', force: false, dryRun: false },
      );
    });
    assert.deepEqual(verdicts, { proven: true, serverUnchanged: true, planUnchanged: true });
  });

  it('leaves a value the server normalises to the dry-run (not proven; the dry-run shows it unchanged)', async () => {
    const d = deployment('quantity');
    const spec = cloneObject(d.spec ?? null) as unknown as { template: { spec: { containers: { resources: { limits: Record<string, string | number> } }[] } } };
    spec.template.spec.containers[0]!.resources.limits.cpu = 0.5;
    const withCpu = { ...d, spec } as KubeObject;
    const verdicts = await judge(withCpu, withCpu);
    assert.equal(verdicts.proven, false);
    assert.equal(verdicts.planUnchanged, true);
  });

  it('does not prove a manifest read at another apiVersion than the one applied', async () => {
    const hpa = (apiVersion: string): KubeObject => ({
      apiVersion,
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'hpa', namespace: ns.name },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'same' }, minReplicas: 1, maxReplicas: 3 },
    });
    const t = typeOf(hpa('autoscaling/v2'));
    await client.apply(t, hpa('autoscaling/v2'), apply);
    const live = await client.get(t, refOf(hpa('autoscaling/v2')));
    assert.ok(live);
    assert.equal(isProvenNoOpApply(hpa('autoscaling/v2'), live, MANAGER), true);
    assert.equal(isProvenNoOpApply(hpa('autoscaling/v1'), live, MANAGER), false);
    assert.equal(isProvenNoOpApply(hpa('autoscaling/v2'), live, 'another-manager'), false);
  });
});
