// The resource delta against the local control plane: a Deployment in a namespace with a LimitRange,
// one container without requests, scaled from 2 to 5 replicas, gives exactly the hand-computed delta
// with the defaulted requests; a Deployment an HPA scales shows the HPA's min–max; a change past a
// ResourceQuota says so and names the resource; a DaemonSet counts the plane's kwok nodes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { RecordingLogger } from '../../src/model/logger.js';
import type { JsonObject, KubeObject } from '../../src/objects/kube-object.js';
import { planChanges } from '../../src/plan/planner.js';
import { renderPlanJson, renderPlanMarkdown } from '../../src/render/plan-markdown.js';
import { renderPlanTerminal } from '../../src/render/plan-terminal.js';
import { testCluster, testNamespace, type TestCluster } from '../support/test-cluster.js';
import { testApplySettings } from '../support/test-settings.js';

const MI = 1024 ** 2;
const GI = 1024 ** 3;

function deployment(name: string, namespace: string, replicas: number | undefined, containers: JsonObject[]): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace },
    spec: {
      ...(replicas === undefined ? {} : { replicas }),
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers } },
    },
  };
}

const web = (namespace: string, replicas: number): KubeObject =>
  deployment('web', namespace, replicas, [
    { name: 'app', image: 'registry.example/app:1', resources: { requests: { cpu: '100m', memory: '128Mi' } } },
    { name: 'helper', image: 'registry.example/helper:1' },
  ]);

const limitRange = (namespace: string) => `apiVersion: v1
kind: LimitRange
metadata: {name: defaults, namespace: ${namespace}}
spec:
  limits:
    - type: Container
      default: {cpu: 500m, memory: 512Mi}
      defaultRequest: {cpu: 200m, memory: 256Mi}
`;

describe('the resource delta, against the local control plane', () => {
  let c: TestCluster;
  const namespaces: { name: string; cleanup: () => Promise<void> }[] = [];
  before(async () => {
    c = await testCluster();
  });
  after(async () => Promise.all(namespaces.map((n) => n.cleanup())));

  async function namespace(prefix: string): Promise<string> {
    const ns = await testNamespace(prefix);
    namespaces.push(ns);
    return ns.name;
  }

  async function plan(ns: string, objects: KubeObject[]) {
    const settings = testApplySettings({ target: ns, namespace: ns, commit: 'd'.repeat(40) });
    const desired = objects.map((object, i) => ({ object, source: { file: 'app.yaml', line: 1 + i * 20 } }));
    const result = await planChanges(desired, c.client(), settings, new RecordingLogger());
    assert.deepEqual(result.plan.problems, []);
    return result.plan;
  }

  it('gives the hand-computed delta of a scale from 2 to 5, with the LimitRange defaults of the container without requests', async () => {
    const ns = await namespace('resources');
    await c.kubectl(['apply', '-f', '-'], limitRange(ns));
    const settings = testApplySettings({ target: ns, namespace: ns });
    await c.kubectl(['apply', '--server-side', `--field-manager=${settings.fieldManager}`, '-f', '-'], JSON.stringify(web(ns, 2)));
    const p = await plan(ns, [web(ns, 5)]);
    const entry = p.entries.find((e) => e.ref.name === 'web');
    assert.equal(entry?.action, 'update');
    // LimitRanger defaults pods as they are made, never a Deployment's template: the dry-run does not show them.
    assert.doesNotMatch(JSON.stringify(entry?.after), /256Mi/);
    // Per pod: app 100m/128Mi requested, LimitRange limits 500m/512Mi; helper LimitRange 200m/256Mi and 500m/512Mi. Three more pods.
    const expected = { cpuRequests: 0.9, cpuLimits: 3, memoryRequests: 1152 * MI, memoryLimits: 3 * GI, pods: 3, storage: 0, claims: 0 };
    assert.deepEqual(p.resources?.total, { low: expected, high: expected });
    assert.deepEqual(p.resources?.workloads[0]?.before, { kind: 'count', count: 2 });
    assert.deepEqual(p.resources?.workloads[0]?.after, { kind: 'count', count: 5 });
    const line = '📦 **Resources:** +0.9 CPU, +1.13 GiB memory requests, +3 CPU, +3 GiB memory limits, +3 pods.';
    assert.ok(renderPlanMarkdown(p, { marker: '<!-- m -->', maxBytes: 65_000 }).includes(`\n\n${line}\n`), 'one line under the verdict');
    assert.match(renderPlanTerminal(p, { color: false }), /^Resources: \+0\.9 CPU, \+1\.13 GiB memory requests, \+3 CPU, \+3 GiB memory limits, \+3 pods\.$/m);
    assert.deepEqual((JSON.parse(renderPlanJson(p)) as { resources: unknown }).resources, p.resources, 'the plan file holds plan.resources');
  });

  it('shows the min–max of the HPA that scales a Deployment, live or in the change, instead of its replica count', async () => {
    const ns = await namespace('resources-hpa');
    const liveHpa = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: api, namespace: ${ns}}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}
  minReplicas: 2
  maxReplicas: 6
`;
    await c.kubectl(['apply', '-f', '-'], liveHpa);
    const api = deployment('api', ns, undefined, [{ name: 'api', image: 'registry.example/api:1', resources: { requests: { cpu: '250m', memory: '1Gi' } } }]);
    const worker = deployment('worker', ns, 3, [{ name: 'w', image: 'registry.example/w:1', resources: { requests: { cpu: '1', memory: '1Gi' } } }]);
    const workerHpa: KubeObject = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'worker', namespace: ns },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'worker' }, minReplicas: 1, maxReplicas: 4 },
    };
    const p = await plan(ns, [api, worker, workerHpa]);
    const byName = new Map(p.resources?.workloads.map((w) => [w.workload, w]));
    assert.deepEqual(byName.get(`Deployment/${ns}/api`)?.after, { kind: 'hpa', min: 2, max: 6, hpa: 'api' });
    assert.deepEqual(byName.get(`Deployment/${ns}/worker`)?.after, { kind: 'hpa', min: 1, max: 4, hpa: 'worker' });
    assert.equal(p.resources?.total.low.cpuRequests, 2 * 0.25 + 1);
    assert.equal(p.resources?.total.high.cpuRequests, 6 * 0.25 + 4);
    const md = renderPlanMarkdown(p, { marker: '<!-- m -->', maxBytes: 65_000 });
    assert.ok(md.includes('📦 **Resources:** +1.5 to +5.5 CPU, +3 GiB to +10 GiB memory requests, +3 to +10 pods.'), md.slice(0, 600));
    assert.ok(md.includes(`replicas — → 2–6 (HPA api)`));
  });

  it('says a change would exceed a ResourceQuota and names the resource', async () => {
    const ns = await namespace('resources-quota');
    await c.kubectl(['create', 'quota', 'compute', '--hard=requests.cpu=1,pods=10', '-n', ns]);
    const big = deployment('big', ns, 3, [{ name: 'big', image: 'registry.example/big:1', resources: { requests: { cpu: '500m', memory: '64Mi' } } }]);
    const p = await plan(ns, [big]);
    assert.deepEqual(
      p.resources?.quotas.map((q) => [q.quota, q.verdict, q.exceeded]),
      [[`${ns}/compute`, 'exceeds', ['requests.cpu: needs +1.5, 1 left of 1']]],
    );
    const md = renderPlanMarkdown(p, { marker: '<!-- m -->', maxBytes: 65_000 });
    assert.ok(md.includes(`⚠️ **exceeds the ResourceQuota \`${ns}/compute\`** (requests.cpu: needs +1.5, 1 left of 1)`), md.slice(0, 800));
  });

  it("counts a DaemonSet once per node it would run on (the plane's kwok nodes), and a plan without workloads in one line", async () => {
    const ns = await namespace('resources-ds');
    const nodes = (await c.kubectl(['get', 'nodes', '-o', 'name'])).trim().split('\n').filter(Boolean).length;
    const agent: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: ns },
      spec: {
        selector: { matchLabels: { app: 'agent' } },
        template: {
          metadata: { labels: { app: 'agent' } },
          spec: { containers: [{ name: 'agent', image: 'registry.example/agent:1', resources: { requests: { cpu: '50m', memory: '32Mi' } } }] },
        },
      },
    };
    const p = await plan(ns, [agent]);
    assert.deepEqual(p.resources?.workloads[0]?.after, { kind: 'nodes', count: nodes, of: nodes });
    assert.equal(p.resources?.total.low.pods, nodes);
    const plain = await plan(ns, [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: ns }, data: { a: '1' } }]);
    assert.match(renderPlanTerminal(plain, { color: false }), /^Resources: no change in requested resources\.$/m);
  });
});
