import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../../src/objects/kube-object.js';
import type { Plan, PlanEntry } from '../../../src/model/plan.js';
import { entryDiff, objectDiff } from '../../../src/render/object-diff.js';
import { serverSets, settingsLine, settingText } from '../../../src/render/server-sets.js';
import { renderPlanMarkdown } from '../../../src/render/plan-markdown.js';
import { renderPlanTerminal } from '../../../src/render/plan-terminal.js';
import { createdService, SET_ID } from '../../support/created-service.js';

const ref = { group: '', version: 'v1', kind: 'Service', namespace: 'shop', name: 'web' };
const create = (written: KubeObject, after: KubeObject): PlanEntry => ({ ref, action: 'create', written, after, notes: [], conflicts: [] });
const planOf = (entries: PlanEntry[]): Plan => ({ target: 't', commit: 'c'.repeat(40), basis: 'cluster', entries, problems: [], warnings: [] });

const deployment = (containers: KubeObject['spec'], extra: Record<string, unknown> = {}): KubeObject =>
  ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop' },
    spec: { replicas: 1, template: { spec: { containers } }, ...extra },
  }) as KubeObject;

describe('a create shown as written', () => {
  it("shows the manifest's own lines in the manifest's order: no server default, no ApplySet label", () => {
    const { written, after } = createdService();
    const { diff, serverSets: sets } = entryDiff(create(written, after));
    assert.equal(
      diff,
      [
        '@@ -1,0 +1,11 @@',
        '+apiVersion: v1',
        '+kind: Service',
        '+metadata:',
        '+  name: web',
        '+  namespace: shop',
        '+spec:',
        '+  selector:',
        '+    app: web',
        '+  ports:',
        '+    - port: 80',
        '+      targetPort: 8080',
      ].join('\n'),
    );
    assert.deepEqual(sets, [{ path: 'spec.type', value: 'ClusterIP' }]);
  });

  it("lists what a reader could care about: a defaulted strategy, a LimitRange's default, a webhook's sidecar; never a quiet default, an empty map or a rewritten value", () => {
    const written = deployment([{ name: 'web', image: 'web:1', resources: { requests: { cpu: '0.5' } } }]);
    const after = deployment(
      [
        {
          name: 'web',
          image: 'web:1',
          imagePullPolicy: 'IfNotPresent',
          resources: { requests: { cpu: '500m' }, limits: { memory: '256Mi' } },
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
          ports: [],
        },
        { name: 'proxy', image: 'mesh/proxy:2' },
      ],
      {
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
        revisionHistoryLimit: 10,
        progressDeadlineSeconds: 600,
      },
    );
    const spec = after.spec as { template: { spec: Record<string, unknown>; metadata?: unknown } };
    Object.assign(spec.template.spec, {
      dnsPolicy: 'ClusterFirst',
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      terminationGracePeriodSeconds: 30,
    });
    spec.template.metadata = { creationTimestamp: null };
    after.metadata.labels = { 'applyset.kubernetes.io/part-of': SET_ID };
    assert.deepEqual(serverSets(written, after).map(settingText), [
      'spec.strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 25%, maxUnavailable: 25%}}',
      'spec.template.spec.containers[1]: {name: proxy, image: mesh/proxy:2}',
      'spec.template.spec.containers[0].imagePullPolicy: IfNotPresent',
      'spec.template.spec.containers[0].resources.limits: {memory: 256Mi}',
    ]);
  });

  it('keeps a default that differs from the fixed one, names odd keys exactly, and leaves out a Namespace label the server always adds', () => {
    const { written, after } = createdService();
    (after.spec as Record<string, unknown>).sessionAffinity = 'ClientIP';
    after.metadata.annotations = { 'example.com/injected': 'yes' };
    assert.deepEqual(serverSets(written, after).map(settingText), [
      "metadata.annotations: {example.com/injected: 'yes'}",
      'spec.sessionAffinity: ClientIP',
      'spec.type: ClusterIP',
    ]);
    const ns: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { team: 'a' } } };
    const nsAfter: KubeObject = {
      ...ns,
      metadata: { name: 'shop', labels: { team: 'a', 'kubernetes.io/metadata.name': 'shop', 'x.io/added': 'z' } },
      spec: { finalizers: ['kubernetes'] },
    };
    assert.deepEqual(serverSets(ns, nsAfter).map(settingText), ['metadata.labels["x.io/added"]: z']);
  });

  it('cuts the line to its width with a count of the rest', () => {
    const sets = Array.from({ length: 6 }, (_, i) => ({ path: `spec.field${i}`, value: 'x'.repeat(20) }));
    const line = settingsLine(sets, 90);
    assert.ok(line.length <= 90, line);
    assert.match(line, /^spec\.field0: x{20}, spec\.field1: x{20}, …and 4 more$/);
  });

  it('shows a server-set value as text in the comment, never as markup', () => {
    const { written, after } = createdService();
    after.metadata.annotations = { note: '<img src=x onerror=alert(1)>' };
    const md = renderPlanMarkdown(planOf([create(written, after)]), { marker: '<!-- m -->', maxBytes: 65_000 });
    assert.ok(
      md.includes('<details><summary>the server also sets 2 fields</summary><code>metadata.annotations: {note: &lt;img src=x onerror=alert(1)&gt;}</code>'),
      md,
    );
    assert.doesNotMatch(md, /<img/);
  });

  it('prints one "the server also sets" line under the diff in a terminal, none when the server adds nothing', () => {
    const { written, after } = createdService();
    const text = renderPlanTerminal(planOf([create(written, after), create(written, { ...written })]), { color: false });
    assert.equal(text.match(/^ {2}the server also sets: spec\.type: ClusterIP$/gm)?.length, 1, text);
  });
});

describe('our bookkeeping in other diffs', () => {
  const labelled = (data: Record<string, string>): KubeObject => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'c', namespace: 'shop', labels: { 'applyset.kubernetes.io/part-of': SET_ID, app: 'web' } },
    data,
  });

  it('never shows the ApplySet label in an update or a delete', () => {
    const update = objectDiff(labelled({ a: '1' }), labelled({ a: '2' }), 10);
    assert.match(update, /-  a: '1'\n\+  a: '2'/);
    assert.match(update, / {4}app: web/);
    assert.doesNotMatch(update, /applyset/);
    assert.doesNotMatch(objectDiff(labelled({ a: '1' }), undefined), /applyset/);
  });

  it('shows an update as the server merged it, even when it carries a written form', () => {
    const e: PlanEntry = {
      ref,
      action: 'update',
      before: labelled({ a: '1' }),
      after: labelled({ a: '2' }),
      written: labelled({ b: '3' }),
      notes: [],
      conflicts: [],
    };
    const { diff, serverSets: sets } = entryDiff(e);
    assert.match(diff, /\+  a: '2'/);
    assert.doesNotMatch(diff, /b: '3'/);
    assert.deepEqual(sets, []);
  });
});
