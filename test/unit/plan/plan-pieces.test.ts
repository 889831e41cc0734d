import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applySetId, parentObject, readInventory, withMemberLabel, PART_OF_LABEL } from '../../../src/inventory/applyset.js';
import type { KubeObject } from '../../../src/objects/kube-object.js';
import { compareForApply, compareForPrune, isDangerousToPrune, stageOf } from '../../../src/objects/kind-order.js';
import type { ObjectRef } from '../../../src/objects/object-ref.js';
import { maskSecretPair, secretValues } from '../../../src/plan/mask-secrets.js';
import { SecretRedactor } from '../../../src/redaction/secret-redactor.js';
import { jsonEqual, normalizeForDiff } from '../../../src/plan/normalize.js';
import { planFromManifests } from '../../../src/plan/git-planner.js';

const ref = (kind: string, name = 'x', group = '', namespace?: string): ObjectRef => ({
  group,
  version: 'v1',
  kind,
  name,
  ...(namespace ? { namespace } : {}),
});

describe('apply order', () => {
  it('puts Namespaces and CRDs first, RBAC and classes next, webhooks last, and prunes in reverse', () => {
    const refs = [
      ref('ValidatingWebhookConfiguration', 'w'),
      ref('Deployment', 'd', 'apps', 'a'),
      ref('ClusterRole', 'r'),
      ref('CustomResourceDefinition', 'c', 'apiextensions.k8s.io'),
      ref('ConfigMap', 'm', '', 'a'),
      ref('Namespace', 'a'),
      ref('Widget', 'x', 'example.com', 'a'),
    ];
    assert.deepEqual(
      [...refs].sort(compareForApply).map((r) => r.kind),
      ['Namespace', 'CustomResourceDefinition', 'ClusterRole', 'ConfigMap', 'Deployment', 'Widget', 'ValidatingWebhookConfiguration'],
    );
    assert.deepEqual([...refs].sort(compareForPrune).map((r) => r.kind)[0], 'ValidatingWebhookConfiguration');
    assert.equal(stageOf(ref('IngressClass')), 'cluster');
  });

  it('treats Namespaces, CRDs and PVCs as dangerous to prune', () => {
    assert.equal(isDangerousToPrune(ref('Namespace')), true);
    assert.equal(isDangerousToPrune(ref('PersistentVolumeClaim')), true);
    assert.equal(isDangerousToPrune(ref('CustomResourceDefinition', 'c', 'apiextensions.k8s.io')), true);
    assert.equal(isDangerousToPrune(ref('ConfigMap')), false);
  });
});

describe('the ApplySet inventory', () => {
  it('computes the id as kubectl 1.36 does (value observed from kubectl apply --applyset=secret/kube-gitops-x -n aset)', () => {
    assert.equal(applySetId('kube-gitops-x', 'aset'), 'applyset-G1OaAgBQ2Zgf4AStLkaQpxQPxopyiVnuM6GdnTEbUhI-v1');
  });

  it('records sorted group-kinds and the namespaces other than its own', () => {
    const inv = readInventory('prod', 'ops', undefined);
    const parent = parentObject(inv, {
      groupKinds: ['Deployment.apps', 'ConfigMap', 'ConfigMap'],
      namespaces: ['ops', 'web', 'api'],
      version: '1.2.3',
      commit: 'abc',
    });
    assert.deepEqual(parent.metadata.annotations, {
      'applyset.kubernetes.io/tooling': 'kube-gitops/1.2.3',
      'applyset.kubernetes.io/contains-group-kinds': 'ConfigMap,Deployment.apps',
      'applyset.kubernetes.io/additional-namespaces': 'api,web',
      'kube-gitops.io/applied-commit': 'abc',
    });
    const back = readInventory('prod', 'ops', parent);
    assert.deepEqual([back.groupKinds, back.namespaces, back.appliedCommit, back.exists], [['ConfigMap', 'Deployment.apps'], ['api', 'web'], 'abc', true]);
  });

  it('labels members without dropping their labels', () => {
    const obj = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', labels: { app: 'x' } } } as KubeObject;
    assert.deepEqual(withMemberLabel(obj, 'id1').metadata.labels, { app: 'x', [PART_OF_LABEL]: 'id1' });
    assert.deepEqual(obj.metadata.labels, { app: 'x' }, 'the input is not mutated');
  });
});

describe('normalisation', () => {
  it('drops what the server and controllers own', () => {
    const live = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'a',
        uid: 'u',
        resourceVersion: '5',
        generation: 2,
        creationTimestamp: 't',
        managedFields: [],
        annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' },
      },
      data: { k: 'v' },
      status: { x: 1 },
    } as unknown as KubeObject;
    assert.deepEqual(normalizeForDiff(live), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' }, data: { k: 'v' } });
  });

  it('compares JSON regardless of key order', () => {
    assert.equal(jsonEqual({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 }), true);
    assert.equal(jsonEqual({ a: 1 }, { a: 1, b: null }), false);
  });
});

describe('Secret masking', () => {
  const secret = (data: Record<string, string>): KubeObject =>
    ({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's' },
      data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
    }) as KubeObject;

  it('says per key whether it was added, removed, changed or unchanged, without values', () => {
    const [before, after] = maskSecretPair(secret({ same: 'x1', changed: 'old', gone: 'bye' }), secret({ same: 'x1', changed: 'new', fresh: 'hi' }));
    assert.deepEqual(before?.data, { same: '(value hidden, unchanged)', changed: '(value hidden, before change)', gone: '(value hidden, removed)' });
    assert.deepEqual(after?.data, { same: '(value hidden, unchanged)', changed: '(value hidden, changed)', fresh: '(value hidden, added)' });
  });

  it('redacts secret values found anywhere else, plain or base64', () => {
    const r = new SecretRedactor();
    r.add(secretValues(secret({ password: 'correct-horse-battery' })));
    assert.equal(r.redactString('correct-horse-battery'), '(value hidden)');
    assert.equal(r.redactString(`--password=correct-horse-battery`), '--password=(value hidden)');
    assert.equal(r.redactString(Buffer.from('correct-horse-battery').toString('base64')), '(value hidden)');
  });

  it('masks Secrets in a git-based plan too', () => {
    const s = secret({ token: 'git-plan-secret-value' });
    const plan = planFromManifests([], [{ object: s, source: { file: 'a.yaml', line: 1 } }], {
      target: 't',
      commit: 'c',
      reason: 'no cluster',
      namespace: 'default',
    });
    assert.ok(!JSON.stringify(plan).includes(Buffer.from('git-plan-secret-value').toString('base64')));
    assert.equal(plan.basis, 'git');
  });
});
