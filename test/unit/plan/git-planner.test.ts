import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DesiredObject } from '../../../src/objects/desired-object.js';
import type { KubeObject } from '../../../src/objects/kube-object.js';
import { formatRef } from '../../../src/objects/object-ref.js';
import { planFromManifests } from '../../../src/plan/git-planner.js';

const at = (object: KubeObject, line = 1): DesiredObject => ({ object, source: { file: 'deploy/app.yaml', line } });
const cm = (name: string, data: Record<string, string>, namespace?: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, ...(namespace ? { namespace } : {}) },
  data,
});

describe('the git-only plan (no cluster: base commit against head)', () => {
  const options = { target: 't', commit: 'c'.repeat(40), reason: 'no kubeconfig', namespace: 'shop' };

  it('puts namespaced objects without a namespace in the default namespace, as the live plan does', () => {
    const crd: KubeObject = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'clusterwidgets.example.com' },
      spec: { group: 'example.com', scope: 'Cluster', names: { kind: 'ClusterWidget', plural: 'clusterwidgets' }, versions: [] },
    };
    const head = [
      at(cm('settings', { a: '1' })),
      at(cm('elsewhere', { a: '1' }, 'other')),
      at({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'reader', namespace: 'ignored' } }),
      at(crd),
      at({ apiVersion: 'example.com/v1', kind: 'ClusterWidget', metadata: { name: 'w' } }),
      at({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } }),
    ];
    const plan = planFromManifests([], head, options);
    assert.deepEqual(plan.entries.map((e) => formatRef(e.ref)).sort(), [
      'ClusterRole/reader',
      'ClusterWidget.example.com/w',
      'ConfigMap/other/elsewhere',
      'ConfigMap/shop/settings',
      'CustomResourceDefinition/clusterwidgets.example.com',
      'Widget.example.com/shop/w',
    ]);
  });

  it('matches an object whose base sets the default namespace and whose head leaves it out as the same object', () => {
    const plan = planFromManifests([at(cm('settings', { a: '1' }, 'shop'))], [at(cm('settings', { a: '2' }))], options);
    assert.deepEqual(
      plan.entries.map((e) => [e.action, formatRef(e.ref)]),
      [['update', 'ConfigMap/shop/settings']],
    );
  });
});
