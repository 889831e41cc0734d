import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ManifestError } from '../../../src/model/errors.js';
import { isNamespacedKind } from '../../../src/objects/cluster-scoped-kinds.js';
import type { DesiredObject } from '../../../src/objects/desired-object.js';
import type { KubeObject } from '../../../src/objects/kube-object.js';
import { foreignClusterObject, foreignNamespace } from '../../../src/preview/preview-guard.js';
import { previewIdentity } from '../../../src/preview/preview-identity.js';
import { previewObjects, type PreviewTransform } from '../../../src/preview/preview-objects.js';

const preview = previewIdentity('preview', 17, 'octo/shop', 'kube-gitops');

function desired(object: Record<string, unknown>, line = 1): DesiredObject {
  return { object: object as KubeObject, source: { file: 'deploy/app.yaml', line } };
}

function transform(objects: DesiredObject[], over: Partial<PreviewTransform> = {}) {
  return previewObjects(objects, { preview, allowedClusterKinds: [], isNamespaced: (ref) => isNamespacedKind(ref, new Set()), ...over });
}

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ManifestError) return error.problems.map((p) => `${p.source?.line ?? '?'}: ${p.message}`);
    throw error;
  }
  assert.fail('expected a refusal');
}

const cm = (name: string, namespace?: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...(namespace ? { namespace } : {}) }, data: {} });

describe('the preview transform', () => {
  it('names the preview after its prefix and pull request: namespace, target, field manager, environment, ApplySet', () => {
    assert.equal(preview.namespace, 'preview-pr-17');
    assert.equal(preview.target, 'preview-pr-17');
    assert.equal(preview.fieldManager, 'kube-gitops-preview');
    assert.equal(preview.environment, 'preview/pr-17');
    assert.notEqual(preview.applySetId, previewIdentity('preview', 18, 'octo/shop', 'kube-gitops').applySetId);
  });

  it('adds the labelled Namespace first and places every namespaced object in it', () => {
    const { objects } = transform([desired(cm('a')), desired(cm('b', 'shop'))]);
    assert.deepEqual(objects[0]?.object, {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: 'preview-pr-17',
        labels: { 'kube-gitops.io/preview': 'true', 'kube-gitops.io/preview-pr': '17' },
        annotations: { 'kube-gitops.io/preview-repository': 'octo/shop' },
      },
    });
    assert.deepEqual(
      objects.slice(1).map((d) => [d.object.metadata.name, d.object.metadata.namespace]),
      [
        ['a', 'preview-pr-17'],
        ['b', 'preview-pr-17'],
      ],
    );
  });

  it('records the TTL on the Namespace, not an expiry time that would change it on every apply', () => {
    const { objects } = transform([desired(cm('a'))], { ttlMs: 90 * 60_000 });
    assert.deepEqual(objects[0]?.object.metadata.annotations, { 'kube-gitops.io/preview-repository': 'octo/shop', 'kube-gitops.io/preview-ttl': '5400s' });
  });

  it('attacker: a manifest naming namespace kube-system still lands in the preview namespace, and the loaded object is not changed', () => {
    const original = desired(cm('takeover', 'kube-system'));
    const { objects } = transform([original]);
    assert.equal(objects[1]?.object.metadata.namespace, 'preview-pr-17');
    assert.equal(original.object.metadata.namespace, 'kube-system');
  });

  it("attacker: a Namespace in the pull request is replaced by the preview's own, its labels not carried over", () => {
    const ns = desired({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'preview-pr-17', labels: { 'pod-security.kubernetes.io/enforce': 'privileged' } },
    });
    const other = desired({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kube-system' } });
    const { objects, replaced } = transform([ns, other, desired(cm('a'))]);
    assert.deepEqual(replaced, [ns, other]);
    const namespaces = objects.filter((d) => d.object.kind === 'Namespace');
    assert.equal(namespaces.length, 1);
    assert.deepEqual(namespaces[0]?.object.metadata.labels, { 'kube-gitops.io/preview': 'true', 'kube-gitops.io/preview-pr': '17' });
  });

  it('attacker: refuses every cluster-scoped object by name unless its kind is allowed', () => {
    const role = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'reader' }, rules: [] };
    const pv = { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'disk' }, spec: {} };
    const problems = problemsOf(() => transform([desired(role, 3), desired(pv, 9), desired(cm('fine'), 12)]));
    assert.equal(problems.length, 2);
    assert.match(problems[0] ?? '', /^3: ClusterRole\/reader is cluster-scoped.*'preview-cluster-kinds' lists ClusterRole\.rbac\.authorization\.k8s\.io/);
    assert.match(problems[1] ?? '', /^9: PersistentVolume\/disk is cluster-scoped/);
    const allowed = transform([desired(role)], { allowedClusterKinds: ['ClusterRole.rbac.authorization.k8s.io'] }).objects;
    assert.deepEqual(allowed[1]?.object, role);
  });

  it('attacker: refuses a ClusterRoleBinding even when the input allows the kind', () => {
    const crb = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'own-the-cluster' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
      subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'preview-pr-17' }],
    };
    const problems = problemsOf(() => transform([desired(crb)], { allowedClusterKinds: ['ClusterRoleBinding.rbac.authorization.k8s.io'] }));
    assert.deepEqual(problems, [
      '1: ClusterRoleBinding/own-the-cluster is a ClusterRoleBinding, which grants outside the preview namespace: a preview never holds one.',
    ]);
  });

  it("attacker: refuses a RoleBinding that binds a User, a Group or another namespace's ServiceAccount; binds the preview's own", () => {
    const binding = (subjects: unknown[]) => ({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'b', namespace: 'shop' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'admin' },
      subjects,
    });
    for (const subject of [
      { kind: 'User', name: 'mallory', apiGroup: 'rbac.authorization.k8s.io' },
      { kind: 'Group', name: 'system:authenticated', apiGroup: 'rbac.authorization.k8s.io' },
      { kind: 'ServiceAccount', name: 'default', namespace: 'kube-system' },
    ]) {
      const problems = problemsOf(() => transform([desired(binding([subject]))]));
      assert.equal(problems.length, 1, JSON.stringify(subject));
      assert.match(problems[0] ?? '', /RoleBinding\/preview-pr-17\/b binds .* which is not the preview's/);
    }
    const ok = transform([
      desired(cm('x', 'shop')),
      desired(
        binding([
          { kind: 'ServiceAccount', name: 'app', namespace: 'shop' },
          { kind: 'ServiceAccount', name: 'ci' },
        ]),
      ),
    ]);
    assert.deepEqual(ok.objects[2]?.object.subjects, [
      { kind: 'ServiceAccount', name: 'app', namespace: 'preview-pr-17' },
      { kind: 'ServiceAccount', name: 'ci', namespace: 'preview-pr-17' },
    ]);
  });

  it("adds the ResourceQuota and LimitRange of the inputs after the Namespace, and refuses a pull request's own then", () => {
    const guards = { quota: { pods: '20' }, limits: { default: { memory: '512Mi' } } };
    const { objects } = transform([desired(cm('a'))], guards);
    assert.deepEqual(
      objects.slice(1, 3).map((d) => d.object),
      [
        { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'kube-gitops-preview', namespace: 'preview-pr-17' }, spec: { hard: { pods: '20' } } },
        {
          apiVersion: 'v1',
          kind: 'LimitRange',
          metadata: { name: 'kube-gitops-preview', namespace: 'preview-pr-17' },
          spec: { limits: [{ type: 'Container', default: { memory: '512Mi' } }] },
        },
      ],
    );
    const loose = { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'kube-gitops-preview' }, spec: { hard: { pods: '1000' } } };
    const range = { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'mine' }, spec: { limits: [] } };
    const problems = problemsOf(() => transform([desired(loose, 2), desired(range, 5)], guards));
    assert.deepEqual(problems, [
      "2: ResourceQuota/kube-gitops-preview: the preview namespace's ResourceQuota is set by the input 'preview-quota', so a pull request may not add one.",
      "5: LimitRange/mine: the preview namespace's LimitRange is set by the input 'preview-limits', so a pull request may not add one.",
    ]);
    assert.equal(transform([desired(loose)]).objects.length, 2, 'without the input, a pull request may bring its own');
  });

  it('refuses two objects that become one in the preview namespace', () => {
    const problems = problemsOf(() => transform([desired(cm('a', 'one'), 1), desired(cm('a', 'two'), 8)]));
    assert.deepEqual(problems, ['8: ConfigMap/two/a becomes ConfigMap/preview-pr-17/a in the preview, as does the object at deploy/app.yaml:1.']);
  });

  it('fills {{pr}} and {{namespace}} in Ingress and HTTPRoute hosts only', () => {
    const ingress = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'web', annotations: { note: 'pr-{{pr}}' } },
      spec: { rules: [{ host: 'pr-{{pr}}.preview.example.com' }], tls: [{ hosts: ['pr-{{pr}}.preview.example.com'], secretName: 'tls' }] },
    };
    const route = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'web' },
      spec: { hostnames: ['{{namespace}}.example.com'] },
    };
    const { objects } = transform([desired(ingress), desired(route)]);
    const spec = objects[1]?.object.spec as { rules: { host: string }[]; tls: { hosts: string[] }[] };
    assert.equal(spec.rules[0]?.host, 'pr-17.preview.example.com');
    assert.deepEqual(spec.tls[0]?.hosts, ['pr-17.preview.example.com']);
    assert.deepEqual(objects[1]?.object.metadata.annotations, { note: 'pr-{{pr}}' });
    assert.deepEqual((objects[2]?.object.spec as { hostnames: string[] }).hostnames, ['preview-pr-17.example.com']);
  });
});

describe('the preview namespace guard', () => {
  const ours = (over: { labels?: Record<string, string>; annotations?: Record<string, string> } = {}): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: 'preview-pr-17',
      labels: { 'kube-gitops.io/preview': 'true', 'kube-gitops.io/preview-pr': '17', 'applyset.kubernetes.io/part-of': preview.applySetId, ...over.labels },
      annotations: { 'kube-gitops.io/preview-repository': 'octo/shop', ...over.annotations },
    },
  });

  it("accepts no namespace yet, and this preview's own", () => {
    assert.equal(foreignNamespace(undefined, preview), undefined);
    assert.equal(foreignNamespace(ours(), preview), undefined);
  });

  it('refuses a namespace of the same name without the preview label, of another pull request, repository or ApplySet', () => {
    const bare: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'preview-pr-17' } };
    assert.match(foreignNamespace(bare, preview) ?? '', /exists but is not this pull request's preview \(it lacks the label kube-gitops\.io\/preview: "true"/);
    assert.match(foreignNamespace(ours({ labels: { 'kube-gitops.io/preview-pr': '18' } }), preview) ?? '', /lacks the label kube-gitops\.io\/preview-pr: "17"/);
    assert.match(
      foreignNamespace(ours({ annotations: { 'kube-gitops.io/preview-repository': 'evil/fork' } }), preview) ?? '',
      /preview-repository: octo\/shop/,
    );
    assert.match(foreignNamespace(ours({ labels: { 'applyset.kubernetes.io/part-of': 'applyset-other-v1' } }), preview) ?? '', /this preview's ApplySet/);
  });

  it("refuses an existing cluster-scoped object of the same name that is not this preview's; accepts its own or none", () => {
    const role = (labels: Record<string, string>): KubeObject => ({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'reader', labels },
    });
    assert.equal(foreignClusterObject(undefined, preview), undefined);
    assert.equal(foreignClusterObject(role({ 'applyset.kubernetes.io/part-of': preview.applySetId }), preview), undefined);
    assert.equal(
      foreignClusterObject(role({}), preview),
      "ClusterRole/reader exists and is not this preview's (no ApplySet owns it): a preview never writes or deletes it.",
    );
    assert.match(
      foreignClusterObject(role({ 'applyset.kubernetes.io/part-of': 'applyset-prod-v1' }), preview) ?? '',
      /belongs to the ApplySet applyset-prod-v1/,
    );
  });
});
