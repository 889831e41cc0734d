import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JsonObject, KubeObject } from '../../../src/objects/kube-object.js';
import type { PlanEntry } from '../../../src/model/plan.js';
import { resourceDelta, type ResourceContext } from '../../../src/plan/resource-delta.js';
import { amountsText } from '../../../src/render/resource-lines.js';
import { planEntry, workload } from '../../support/plan-entries.js';

const GI = 1024 ** 3;
const MI = 1024 ** 2;
const none: ResourceContext = { liveHpas: [], liveQuotas: [] };
const container = (name: string, requests?: JsonObject, limits?: JsonObject): JsonObject => ({
  name,
  image: `${name}:1`,
  resources: { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) },
});
const web = (replicas: number, requests: JsonObject = { cpu: '100m', memory: '128Mi' }) =>
  workload('web', { containers: [container('web', requests)] }, { replicas });
const hpa = (name: string, target: string, min: number | undefined, max: number): KubeObject => ({
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name, namespace: 'shop' },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: target }, ...(min === undefined ? {} : { minReplicas: min }), maxReplicas: max },
});
const delta = (entries: PlanEntry[], ctx: ResourceContext = none) => resourceDelta(entries, ctx);

describe('the resource delta', () => {
  it('counts a scale from 2 to 5 as 3 more pods of what one pod requests', () => {
    const d = delta([planEntry('update', web(2), web(5))]);
    assert.deepEqual(d.total.low, { cpuRequests: 0.3, cpuLimits: 0, memoryRequests: 384 * MI, memoryLimits: 0, pods: 3, storage: 0, claims: 0 });
    assert.deepEqual(d.total.high, d.total.low);
    assert.equal(amountsText(d.total), '+0.3 CPU, +384 MiB memory requests, +3 pods');
    assert.deepEqual(d.workloads[0]?.before, { kind: 'count', count: 2 });
  });

  it('says "no change in requested resources" when workloads change but not what they ask for', () => {
    const d = delta([
      planEntry('update', web(2), workload('web', { containers: [{ ...container('web', { cpu: '100m', memory: '128Mi' }), image: 'web:2' }] })),
    ]);
    assert.equal(amountsText(d.total), 'no change in requested resources');
    assert.deepEqual(d.workloads, []);
  });

  it('takes the larger of the largest init container and the containers, adding sidecars, per resource', () => {
    const spec = {
      initContainers: [
        container('migrate', { cpu: '2', memory: '64Mi' }),
        { ...container('proxy', { cpu: '100m', memory: '32Mi' }), restartPolicy: 'Always' },
        container('warm', { cpu: '1', memory: '1Gi' }),
      ],
      containers: [container('a', { cpu: '500m', memory: '256Mi' }), container('b', { cpu: '250m', memory: '256Mi' })],
    };
    const d = delta([planEntry('create', undefined, workload('w', spec, { replicas: 1 }))]);
    // cpu: max(0.5+0.25+0.1 = 0.85, migrate 2, warm 1+0.1) = 2; memory: max(512+32 = 544Mi, 64Mi, 1Gi+32Mi) = 1056Mi
    assert.equal(d.total.low.cpuRequests, 2);
    assert.equal(d.total.low.memoryRequests, 1056 * MI);
  });

  it('adds the pod overhead, and requests a limit where a container sets only the limit', () => {
    const spec = { overhead: { cpu: '250m', memory: '120Mi' }, containers: [container('a', undefined, { cpu: '1', memory: '1Gi' })] };
    const d = delta([planEntry('create', undefined, workload('w', spec, { replicas: 2 }))]);
    assert.equal(d.total.low.cpuRequests, 2.5);
    assert.equal(d.total.low.cpuLimits, 2.5);
    assert.equal(d.total.low.memoryRequests, 2 * (GI + 120 * MI));
  });

  it("fills what a container leaves unset with its namespace's LimitRange defaults (live, or the change's), after its own limit", () => {
    const limitRange = (cpu: string): KubeObject => ({
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'defaults', namespace: 'shop' },
      spec: { limits: [{ type: 'Container', default: { cpu: '1', memory: '512Mi' }, defaultRequest: { cpu, memory: '256Mi' } }] },
    });
    const spec = { containers: [container('bare'), container('capped', undefined, { cpu: '2' }), container('set', { cpu: '100m', memory: '1Mi' })] };
    const d = delta([planEntry('create', undefined, workload('w', spec, { replicas: 1 }))], { ...none, liveLimitRanges: [limitRange('200m')] });
    // requests: bare 200m/256Mi, capped 2 (its limit)/256Mi, set 100m/1Mi; limits: bare 1/512Mi, capped 2/512Mi, set 1/512Mi
    assert.equal(d.total.low.cpuRequests, 2.3);
    assert.equal(d.total.low.memoryRequests, 513 * MI);
    assert.equal(d.total.low.cpuLimits, 4);
    assert.equal(d.total.low.memoryLimits, 1536 * MI);
    const raised = delta([planEntry('unchanged', web(2, {}), web(2, {})), planEntry('update', limitRange('200m'), limitRange('300m'))], {
      ...none,
      liveLimitRanges: [limitRange('200m')],
    });
    assert.equal(raised.total.low.cpuRequests, 0.2, "the change's LimitRange applies after it, the live one before");
  });

  it('counts deletes and bare pods, and a PVC and StatefulSet claims as storage', () => {
    const pvc: KubeObject = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data', namespace: 'shop' },
      spec: { resources: { requests: { storage: '20Gi' } } },
    };
    const pod: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'debug', namespace: 'shop' },
      spec: { containers: [container('x', { cpu: '1' })] },
    };
    const db = workload('db', { containers: [container('db', { cpu: '1', memory: '1Gi' })] }, { kind: 'StatefulSet', replicas: 3 });
    (db.spec as { volumeClaimTemplates: unknown }).volumeClaimTemplates = [
      { metadata: { name: 'data' }, spec: { resources: { requests: { storage: '10Gi' } } } },
    ];
    const d = delta([planEntry('create', undefined, pvc), planEntry('delete', pod), planEntry('create', undefined, db)]);
    assert.equal(d.total.low.storage, 50 * GI);
    assert.equal(d.total.low.claims, 4);
    assert.equal(d.total.low.pods, 2);
    assert.equal(d.total.low.cpuRequests, 2);
    assert.equal(amountsText(d.total), '+2 CPU, +3 GiB memory requests, +2 pods, +50 GiB storage (+4 PVCs)');
  });

  it("keeps a StatefulSet's storage on scale-down unless its retention policy deletes the PVCs", () => {
    const db = (replicas: number, whenScaled?: string) => {
      const w = workload('db', { containers: [container('db', { cpu: '1' })] }, { kind: 'StatefulSet', replicas });
      const spec = w.spec as Record<string, unknown>;
      spec.volumeClaimTemplates = [{ metadata: { name: 'data' }, spec: { resources: { requests: { storage: '10Gi' } } } }];
      if (whenScaled) spec.persistentVolumeClaimRetentionPolicy = { whenScaled };
      return w;
    };
    const kept = delta([planEntry('update', db(3), db(1))]);
    assert.equal(kept.total.low.storage, 0);
    assert.equal(kept.total.low.pods, -2);
    assert.match(kept.workloads[0]?.notes[0] ?? '', /stay when it scales down/);
    assert.equal(delta([planEntry('update', db(3, 'Delete'), db(1, 'Delete'))]).total.low.storage, -20 * GI);
  });

  it("shows an HPA's min–max instead of the replica count, from the change or live", () => {
    const inChange = delta([planEntry('update', web(2), web(2)), planEntry('create', undefined, hpa('web', 'web', 2, 10))]);
    assert.deepEqual(inChange.workloads[0]?.after, { kind: 'hpa', min: 2, max: 10, hpa: 'web' });
    assert.equal(amountsText(inChange.total), '0 to +0.8 CPU, 0 to +1 GiB memory requests, 0 to +8 pods');
    const live = delta([planEntry('create', undefined, web(3))], { ...none, liveHpas: [hpa('web', 'web', undefined, 4)] });
    assert.deepEqual(live.workloads[0]?.after, { kind: 'hpa', min: 1, max: 4, hpa: 'web' });
    assert.equal(live.total.low.pods, 1);
    assert.equal(live.total.high.pods, 4);
    const removed = delta([planEntry('delete', hpa('web', 'web', 2, 10))], { ...none, liveHpas: [hpa('web', 'web', 2, 10)] });
    assert.equal(removed.workloads.length, 0, 'an HPA of a workload not in the plan changes nothing counted');
    const kept = delta([planEntry('update', web(2), web(3, { cpu: '200m', memory: '128Mi' })), planEntry('retain', hpa('web', 'web', 2, 10))], {
      ...none,
      liveHpas: [hpa('web', 'web', 2, 10)],
    });
    assert.deepEqual(kept.workloads[0]?.after, { kind: 'hpa', min: 2, max: 10, hpa: 'web' }, 'a retained HPA still scales its workload');
  });

  it('counts a DaemonSet once per node it would run on: nodeSelector, required affinity, taints and tolerations', () => {
    const node = (name: string, labels: Record<string, string>, taints: unknown[] = []): KubeObject =>
      ({ apiVersion: 'v1', kind: 'Node', metadata: { name, labels }, spec: { taints } }) as unknown as KubeObject;
    const nodes = [
      node('a', { pool: 'web', zone: 'z1' }),
      node('b', { pool: 'web', zone: 'z2' }, [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }]),
      node('c', { pool: 'web', zone: 'z3' }, [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }]),
      node('d', { pool: 'db', zone: 'z1' }),
      node('e', { pool: 'web', zone: 'z9' }, [{ key: 'soft', effect: 'PreferNoSchedule' }]),
    ];
    const spec = {
      nodeSelector: { pool: 'web' },
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['z9'] }] }] },
        },
      },
      containers: [container('agent', { cpu: '50m', memory: '64Mi' })],
    };
    const ds = workload('agent', spec, { kind: 'DaemonSet' });
    const d = delta([planEntry('create', undefined, ds)], { ...none, nodes });
    // a (fits), b (untolerated taint: no), c (unschedulable: tolerated by every DaemonSet pod), d (selector: no), e (affinity: no)
    assert.deepEqual(d.workloads[0]?.after, { kind: 'nodes', count: 2, of: 5 });
    assert.equal(d.total.low.cpuRequests, 0.1);
    const tolerating = workload('agent', { ...spec, tolerations: [{ key: 'dedicated', operator: 'Exists' }] }, { kind: 'DaemonSet' });
    assert.deepEqual(delta([planEntry('create', undefined, tolerating)], { ...none, nodes }).workloads[0]?.after, { kind: 'nodes', count: 3, of: 5 });
    const unknown = delta([planEntry('create', undefined, ds)], { ...none, nodesWhy: 'nodes is forbidden' });
    assert.deepEqual(unknown.workloads[0]?.after, { kind: 'per-node' });
    assert.equal(unknown.total.low.pods, 0, 'per node: left out of the total');
    assert.match(unknown.daemonSets ?? '', /per node: the nodes could not be listed \(nodes is forbidden\)/);
  });

  it('shows Jobs and CronJobs apart from the total: parallelism pods at a time', () => {
    const job: KubeObject = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'report', namespace: 'shop' },
      spec: {
        schedule: '0 * * * *',
        jobTemplate: { spec: { parallelism: 3, completions: 6, template: { spec: { containers: [container('r', { cpu: '1' })] } } } },
      },
    };
    const d = delta([planEntry('create', undefined, job)]);
    assert.equal(d.total.low.cpuRequests, 0);
    assert.equal(d.runs[0]?.change.low.cpuRequests, 3);
    assert.deepEqual(d.runs[0]?.runs, { parallelism: 3, completions: 6, schedule: '0 * * * *' });
  });

  it('says whether the change fits a live ResourceQuota, naming what it would exceed', () => {
    const quota = (hard: Record<string, string>, used: Record<string, string>): KubeObject => ({
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'compute', namespace: 'shop' },
      spec: { hard },
      status: { hard, used },
    });
    const over = delta([planEntry('update', web(2), web(5))], {
      ...none,
      liveQuotas: [quota({ 'requests.cpu': '1', pods: '10' }, { 'requests.cpu': '800m', pods: '2' })],
    });
    assert.equal(over.quotas[0]?.verdict, 'exceeds');
    assert.deepEqual(over.quotas[0]?.exceeded, ['requests.cpu: needs +0.3, 0.2 left of 1']);
    const fits = delta([planEntry('update', web(2), web(5))], { ...none, liveQuotas: [quota({ 'requests.memory': '1Gi' }, { 'requests.memory': '0' })] });
    assert.equal(fits.quotas[0]?.verdict, 'fits');
    const other = { ...quota({ pods: '1' }, {}), metadata: { name: 'x', namespace: 'elsewhere' } };
    assert.deepEqual(delta([planEntry('update', web(2), web(5))], { ...none, liveQuotas: [other] }).quotas, [], 'only namespaces the change touches');
  });

  it('never throws on adversarial input: malformed and huge quantities, negative and odd replicas, missing fields', () => {
    const bad = workload('bad', { containers: [container('x', { cpu: '12abc', memory: '1e999999999' }), { name: 'y' }, 'not a container'] }, { replicas: -3 });
    const huge = workload('huge', { containers: [container('x', { cpu: '999999999999999Ei' })] }, { replicas: Number.MAX_SAFE_INTEGER });
    const hollow: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'hollow', namespace: 'shop' } };
    const strings = workload('s', { containers: [container('x', { cpu: '1' })] }) as KubeObject & { spec: Record<string, unknown> };
    strings.spec.replicas = '3';
    const d = delta([
      planEntry('create', undefined, bad),
      planEntry('create', undefined, huge),
      planEntry('create', undefined, hollow),
      planEntry('create', undefined, strings),
    ]);
    assert.ok(d.problems.some((p) => p.includes('Deployment/shop/bad: container x: resources.requests.cpu "12abc" is not a Kubernetes quantity')));
    assert.ok(d.problems.some((p) => p.includes('resources.requests.memory "1e999999999" is too large')));
    assert.ok(d.problems.some((p) => p.includes('Deployment/shop/bad: spec.replicas is -3, not a whole number ≥ 0; counted as 0')));
    assert.ok(d.problems.some((p) => p.includes('Deployment/shop/s: spec.replicas is "3"')));
    assert.ok(Number.isFinite(d.total.low.cpuRequests) && d.total.low.cpuRequests > 1e30, 'a huge amount is summed, not lost');
    assert.equal(d.total.low.pods, Number.MAX_SAFE_INTEGER + 1, 'the hollow Deployment counts its one default replica');
  });
});
