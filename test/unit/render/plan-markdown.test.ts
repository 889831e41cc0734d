import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../../src/objects/kube-object.js';
import { formatRef } from '../../../src/objects/object-ref.js';
import type { Plan, PlanEntry } from '../../../src/model/plan.js';
import { codeBlock } from '../../../src/text/markdown-escape.js';
import { objectYaml } from '../../../src/render/object-yaml.js';
import { renderPlanJson, renderPlanMarkdown } from '../../../src/render/plan-markdown.js';
import { matchesGolden } from '../../support/golden.js';
import { phasedPlan } from '../../support/phased-plan.js';
import { createdService } from '../../support/created-service.js';

const options = {
  marker: '<!-- kube-gitops:plan target=production -->',
  maxBytes: 65_000,
  commitUrl: 'https://github.com/acme/shop/commit/3f2a9c1e',
  fullPlanHint: 'the job summary of this run and its plan-file output',
};

const deploy = (image: string, replicas = 2): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image, ports: [{ containerPort: 8080 }] }] } },
  },
});
const cm = (name: string, data: Record<string, string>): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'shop' }, data });
const ref = (o: KubeObject) => ({
  group: o.apiVersion.includes('/') ? o.apiVersion.split('/')[0]! : '',
  version: 'v1',
  kind: o.kind,
  name: o.metadata.name,
  ...(o.metadata.namespace ? { namespace: String(o.metadata.namespace) } : {}),
});
const entry = (action: PlanEntry['action'], before?: KubeObject, after?: KubeObject, extra: Partial<PlanEntry> = {}): PlanEntry => ({
  ref: ref((after ?? before)!),
  action,
  ...(before ? { before } : {}),
  ...(after ? { after } : {}),
  notes: [],
  conflicts: [],
  ...extra,
});

function mixedPlan(): Plan {
  const service = createdService();
  const secretBefore: KubeObject = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'db', namespace: 'shop' },
    data: { password: '(value hidden, before change)', user: '(value hidden, unchanged)' },
  };
  const secretAfter: KubeObject = { ...secretBefore, data: { password: '(value hidden, changed)', user: '(value hidden, unchanged)' } };
  const job = (image: string): KubeObject => ({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'migrate', namespace: 'shop' },
    spec: { template: { spec: { containers: [{ name: 'm', image }], restartPolicy: 'Never' } } },
  });
  return {
    target: 'production',
    commit: '3f2a9c1e5d',
    basis: 'cluster',
    problems: [],
    warnings: [
      'Deployment/shop/web: fields owned by another manager (.spec.replicas by kube-controller-manager); the apply will fail unless force-conflicts is true.',
    ],
    entries: [
      entry('delete', cm('legacy-settings', { currency: 'EUR' }), undefined, { notes: ['No longer in the manifests: it will be deleted.'] }),
      entry('replace', job('migrate:1'), job('migrate:2'), {
        source: { file: 'deploy/jobs.yaml', line: 1 },
        notes: ['Will be deleted and created again: Job.batch "migrate" is invalid: spec.template: field is immutable'],
      }),
      entry('create', undefined, service.after, { written: service.written, source: { file: 'deploy/web.yaml', line: 24 } }),
      entry('update', deploy('registry.example/web:1.4.0'), deploy('registry.example/web:1.5.0', 3), {
        source: { file: 'deploy/web.yaml', line: 1 },
        conflicts: [{ manager: 'kube-controller-manager', field: '.spec.replicas' }],
      }),
      entry('update', secretBefore, secretAfter, { source: { file: 'deploy/secret.yaml', line: 1 } }),
      entry('retain', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'shop' } }, undefined, {
        notes: [
          'No longer in the manifests; left in place because deleting a PersistentVolumeClaim deletes what it holds (set prune-dangerous: true to prune it).',
        ],
      }),
      entry('unchanged', cm('settings', { a: '1' }), cm('settings', { a: '1' }), { source: { file: 'deploy/settings.yaml', line: 1 } }),
    ],
  };
}

describe('the plan comment renderer', () => {
  it('renders a mixed plan: counts, risk-ordered table, one collapsible diff per change (golden)', () => {
    matchesGolden('mixed-plan.md', renderPlanMarkdown(mixedPlan(), options));
  });

  it('shows the phase of each object of a target with a hook and two waves, in the order of the run, and whether each hook runs (golden)', () => {
    matchesGolden('phased-plan.md', renderPlanMarkdown(phasedPlan(), options));
  });

  it('says plainly when nothing changes (golden)', () => {
    const plan: Plan = {
      target: 'production',
      commit: '3f2a9c1e5d',
      basis: 'cluster',
      problems: [],
      warnings: [],
      entries: [entry('unchanged', cm('a', {}), cm('a', {}))],
    };
    const md = renderPlanMarkdown(plan, options);
    assert.match(md, /^✅ \*\*Merging changes nothing in the cluster\.\*\*$/m);
    matchesGolden('no-changes.md', md);
  });

  it('heads a git-based plan as not a live diff (golden)', () => {
    const plan: Plan = {
      target: 'production',
      commit: '3f2a9c1e5d',
      basis: 'git',
      problems: [],
      warnings: ['No kubeconfig was given (pull requests from forks get no secrets).'],
      entries: [entry('update', deploy('registry.example/web:1.4.0'), deploy('registry.example/web:1.5.0'), { source: { file: 'deploy/web.yaml', line: 1 } })],
    };
    const md = renderPlanMarkdown(plan, options);
    assert.match(md, /Not a live diff/);
    matchesGolden('git-plan.md', md);
  });

  it('shows problems with the object and file:line at the top (golden)', () => {
    const plan: Plan = {
      target: 'production',
      commit: '3f2a9c1e5d',
      basis: 'cluster',
      warnings: [],
      entries: [],
      problems: [
        {
          message: 'Gizmo/shop/g: the cluster does not know kind Gizmo in example.com/v1, and no CustomResourceDefinition in the manifests defines it.',
          ref: { group: 'example.com', version: 'v1', kind: 'Gizmo', name: 'g', namespace: 'shop' },
          source: { file: 'deploy/gizmo.yaml', line: 3 },
        },
      ],
    };
    const md = renderPlanMarkdown(plan, options);
    assert.match(md, /`deploy\/gizmo\.yaml:3`: Gizmo\/shop\/g: the cluster does not know kind Gizmo/);
    matchesGolden('problems.md', md);
  });

  it('fits an oversized plan: destructive diffs kept, the safest and largest left out and named, the table complete', () => {
    const big = (i: number) => cm(`big-${i}`, { blob: 'x'.repeat(20_000) });
    const plan: Plan = {
      target: 'production',
      commit: '3f2a9c1e5d',
      basis: 'cluster',
      problems: [],
      warnings: [],
      entries: [
        entry('delete', cm('gone', { a: '1' }), undefined),
        ...Array.from({ length: 6 }, (_, i) => entry('create', undefined, big(i), { source: { file: 'deploy/big.yaml', line: i + 1 } })),
        entry('update', cm('small', { a: '1' }), cm('small', { a: '2' })),
      ],
    };
    const md = renderPlanMarkdown(plan, options);
    assert.ok(Buffer.byteLength(md) <= options.maxBytes);
    assert.match(md, /🗑️ delete <code>ConfigMap\/shop\/gone<\/code>/, 'the delete diff is kept');
    assert.match(md, /diff\(s\) left out to fit GitHub's size limit \(1 update, \d create\)/);
    for (let i = 0; i < 6; i++) assert.match(md, new RegExp(`\\| big-${i} \\|`), 'every object stays in the table');
    assert.equal((md.match(/```diff/g) ?? []).length, (md.match(/\n```\n/g) ?? []).length, 'no fence cut in half');
  });

  it('keeps a 2,000-create plan under 65,536 bytes with destructive rows first', () => {
    const entries = [
      entry('delete', cm('old', {}), undefined),
      ...Array.from({ length: 2000 }, (_, i) => entry('create', undefined, cm(`cm-${i}`, { k: String(i) }))),
    ];
    const md = renderPlanMarkdown({ target: 't', commit: 'c', basis: 'cluster', problems: [], warnings: [], entries }, { ...options, maxBytes: 65_536 });
    assert.ok(Buffer.byteLength(md) <= 65_536, `${Buffer.byteLength(md)} bytes`);
    assert.match(md, /\| 🗑️ delete \| ConfigMap \| shop \| old \|/);
    assert.match(md, /…and \d+ more object\(s\) \(see the job summary/);
  });

  it('escapes table cells and picks a fence longer than any backtick run', () => {
    assert.equal(codeBlock('a ``` b', 'diff'), '````diff\na ``` b\n````');
    assert.equal(codeBlock('plain'), '```\nplain\n```');
    const plan: Plan = {
      target: 't',
      commit: 'c',
      basis: 'cluster',
      problems: [],
      warnings: [],
      entries: [entry('create', undefined, cm('a|b<x>', { s: '```' }))],
    };
    const md = renderPlanMarkdown(plan, options);
    assert.match(md, /\| a\\\|b&lt;x&gt; \|/);
    assert.match(md, /````diff/);
  });

  it('orders keys: apiVersion, kind, metadata, spec, data first; nested keys sorted', () => {
    const yaml = objectYaml({ data: { b: '1', a: '2' }, metadata: { name: 'x' }, kind: 'ConfigMap', zeta: 1, apiVersion: 'v1' } as unknown as KubeObject);
    assert.equal(yaml, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: '2'\n  b: '1'\nzeta: 1\n");
  });

  it('tells two kinds of one name in different API groups apart in rows and titles, as the log lines do (golden)', () => {
    const gateway = (apiVersion: string): KubeObject => ({
      apiVersion,
      kind: 'Gateway',
      metadata: { name: 'edge', namespace: 'shop' },
      spec: { selector: { app: 'edge' } },
    });
    const gatewayApi = gateway('gateway.networking.k8s.io/v1');
    const istio = gateway('networking.istio.io/v1');
    const plan: Plan = {
      target: 'production',
      commit: '3f2a9c1e5d',
      basis: 'cluster',
      problems: [],
      warnings: [],
      entries: [
        entry('create', undefined, gatewayApi, { source: { file: 'deploy/gateway.yaml', line: 1 } }),
        entry('create', undefined, istio, { source: { file: 'deploy/istio.yaml', line: 1 } }),
        entry('create', undefined, cm('edge', { a: '1' }), { source: { file: 'deploy/settings.yaml', line: 1 } }),
      ],
    };
    const md = renderPlanMarkdown(plan, options);
    assert.match(md, /\| ✨ create \| Gateway\.gateway\.networking\.k8s\.io \| shop \| edge \|/);
    assert.match(md, /\| ✨ create \| Gateway\.networking\.istio\.io \| shop \| edge \|/);
    assert.match(md, /\| ✨ create \| ConfigMap \| shop \| edge \|/, 'built-in kinds stay plain');
    for (const e of plan.entries) assert.ok(md.includes(`<code>${formatRef(e.ref)}</code>`), `the title of ${formatRef(e.ref)} is the log line's spelling`);
    assert.equal(new Set(plan.entries.map((e) => formatRef(e.ref))).size, 3, 'three objects, three names');
    matchesGolden('two-gateways.md', md);
  });

  it('writes the plan file as stable JSON', () => {
    const json = renderPlanJson(mixedPlan());
    assert.deepEqual(
      JSON.parse(json).entries.map((e: { action: string }) => e.action),
      ['delete', 'replace', 'create', 'update', 'update', 'retain', 'unchanged'],
    );
  });
});
