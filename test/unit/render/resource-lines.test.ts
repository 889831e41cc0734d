import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JsonObject, KubeObject } from '../../../src/objects/kube-object.js';
import { resourceDelta } from '../../../src/plan/resource-delta.js';
import { renderPlanMarkdown } from '../../../src/render/plan-markdown.js';
import { renderPlanTerminal } from '../../../src/render/plan-terminal.js';
import { amountsText, bytesText, cpuText, resourcesOutput } from '../../../src/render/resource-lines.js';
import { matchesGolden } from '../../support/golden.js';
import { liveMarkup } from '../../support/live-markup.js';
import { livePlan, planEntry, workload } from '../../support/plan-entries.js';

const options = { marker: '<!-- kube-gitops:plan target=production -->', maxBytes: 65_000 };
const container = (name: string, requests: JsonObject, limits?: JsonObject): JsonObject => ({
  name,
  image: `${name}:1`,
  resources: { requests, ...(limits ? { limits } : {}) },
});
const web = (replicas: number) =>
  workload('web', { containers: [container('web', { cpu: '500m', memory: '1Gi' }, { cpu: '1', memory: '1Gi' })] }, { replicas });
const api = workload('api', { containers: [container('api', { cpu: '250m', memory: '512Mi' })] }, { replicas: 1 });
const agent = workload('agent', { containers: [container('agent', { cpu: '50m', memory: '64Mi' })] }, { kind: 'DaemonSet' });
const pvc: KubeObject = {
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name: 'uploads', namespace: 'shop' },
  spec: { resources: { requests: { storage: '20Gi' } } },
};
const report: KubeObject = {
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'report', namespace: 'shop' },
  spec: {
    schedule: '0 3 * * *',
    jobTemplate: { spec: { parallelism: 2, template: { spec: { containers: [container('report', { cpu: '1', memory: '2Gi' })] } } } },
  },
};
const hpa: KubeObject = {
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'api', namespace: 'shop' },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' }, minReplicas: 2, maxReplicas: 6 },
};
const quota: KubeObject = {
  apiVersion: 'v1',
  kind: 'ResourceQuota',
  metadata: { name: 'compute', namespace: 'shop' },
  spec: { hard: { 'requests.cpu': '4', 'requests.memory': '16Gi', pods: '20' } },
  status: { hard: { 'requests.cpu': '4', 'requests.memory': '16Gi', pods: '20' }, used: { 'requests.cpu': '2500m', 'requests.memory': '6Gi', pods: '9' } },
};

function plan() {
  const entries = [
    planEntry('update', web(2), web(5)),
    planEntry('create', undefined, api),
    planEntry('create', undefined, hpa),
    planEntry('create', undefined, agent),
    planEntry('create', undefined, pvc),
    planEntry('create', undefined, report),
  ];
  const resources = resourceDelta(entries, {
    liveHpas: [],
    liveQuotas: [quota],
    nodesWhy: 'nodes is forbidden: User "ci" cannot list resource "nodes"',
    prices: { cpuHour: 0.031, gibHour: 0.004, storageGibMonth: 0.08 },
  });
  return livePlan(entries, { resources });
}

describe('the resource delta, rendered', () => {
  it('shows one line under the verdict and the workloads collapsed in the comment (golden)', () => {
    matchesGolden('resource-plan.md', renderPlanMarkdown(plan(), options));
  });

  it('has no live markup in its lines: names and schedules from manifests are code or escaped text', () => {
    const md = renderPlanMarkdown(plan(), options);
    assert.deepEqual(liveMarkup(md.slice(0, md.indexOf('**5 create')), options.marker), []);
    const hostile = { ...report, spec: { ...(report.spec as JsonObject), schedule: '[x](https://evil.example) @octocat' } } as KubeObject;
    const p = livePlan([planEntry('create', undefined, hostile)]);
    p.resources = resourceDelta(p.entries, { liveHpas: [], liveQuotas: [] });
    const section = renderPlanMarkdown(p, options);
    assert.deepEqual(liveMarkup(section.slice(0, section.indexOf('**1 create')), options.marker), []);
  });

  it('shows the line and one line per workload in the terminal (golden)', () => {
    matchesGolden('terminal-resource-plan.txt', renderPlanTerminal(plan(), { color: false }));
  });

  it('writes the resources output as JSON with the summary line', () => {
    const out = JSON.parse(resourcesOutput(plan().resources ?? assert.fail('no resources'))) as {
      summary: string;
      quotas: { verdict: string }[];
      monthly: unknown;
    };
    assert.equal(out.summary, '+2 to +3 CPU, +4 GiB to +6 GiB memory requests, +3 CPU, +3 GiB memory limits, +5 to +9 pods, +20 GiB storage (+1 PVC)');
    assert.deepEqual(
      out.quotas.map((q) => q.verdict),
      ['exceeds'],
    );
    assert.ok(out.monthly);
  });

  it('writes amounts in the units a reader expects', () => {
    assert.deepEqual([cpuText(1.5), cpuText(-0.25), cpuText(0), cpuText(0.0001)], ['+1.5', '-0.25', '0', '+0.0001']);
    assert.deepEqual(
      [bytesText(3 * 1024 ** 3), bytesText(-640 * 1024 ** 2), bytesText(1536), bytesText(12), bytesText(0)],
      ['+3 GiB', '-640 MiB', '+1.5 KiB', '+12 B', '0'],
    );
  });

  it('keeps text from manifests as data: a quantity that does not read is quoted escaped, never as markup', () => {
    const hostile = workload('x', { containers: [container('c', { cpu: '<img src=x onerror=alert(1)>' })] });
    const p = livePlan([planEntry('create', undefined, hostile)]);
    p.resources = resourceDelta(p.entries, { liveHpas: [], liveQuotas: [] });
    const md = renderPlanMarkdown(p, options);
    const section = md.slice(0, md.indexOf('**1 create'));
    assert.doesNotMatch(section, /<img/);
    assert.match(section, /&lt;img src=x/);
    assert.match(md, /is not a Kubernetes quantity/);
    assert.equal(amountsText(p.resources.total), '+2 pods');
  });
});
