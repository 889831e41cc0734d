// Identical changes across targets are grouped on the masked diff, with each target's own namespace
// abstracted in the identity and in every `namespace` field; anything else keeps them apart.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { changeGroups, NAMESPACE } from '../../../src/fleet/change-groups.js';
import type { FleetMember } from '../../../src/fleet/fleet-members.js';
import type { KubeObject } from '../../../src/objects/kube-object.js';
import { countActions, type PlanEntry } from '../../../src/model/plan.js';
import { HEAD, runOf } from '../../support/fleet-plans.js';
import { livePlan, planEntry } from '../../support/plan-entries.js';

const binding = (ns: string, subjectNs: string, role: string): KubeObject => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'RoleBinding',
  metadata: { name: 'reader', namespace: ns },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: role },
  subjects: [{ kind: 'ServiceAccount', name: 'api', namespace: subjectNs }],
});

function member(target: string, namespace: string, entries: PlanEntry[]): FleetMember {
  const plan = livePlan(entries, { target, commit: HEAD });
  return { kind: 'planned', target, counts: countActions(entries), file: { path: `${target}.json`, plan, run: runOf(plan, { namespace }) } };
}

const update = (ns: string, subjectNs = ns, to = 'editor') => planEntry('update', binding(ns, subjectNs, 'viewer'), binding(ns, subjectNs, to));

describe('change groups', () => {
  it('groups the same create in many targets, each labelled with its own ApplySet id, as one change', () => {
    const created = (ns: string, id: string): KubeObject => ({
      ...binding(ns, ns, 'viewer'),
      metadata: { name: 'reader', namespace: ns, labels: { app: 'api', 'applyset.kubernetes.io/part-of': id } },
    });
    const groups = changeGroups([
      member('eu', 'shop-eu', [planEntry('create', undefined, created('shop-eu', 'applyset-aaaa-v1'))]),
      member('us', 'shop-us', [planEntry('create', undefined, created('shop-us', 'applyset-bbbb-v1'))]),
    ]);
    assert.equal(groups.length, 1);
    assert.deepEqual(groups[0]?.targets, ['eu', 'us']);
    assert.match(groups[0]?.diff ?? '', /\+kind: RoleBinding/);
    assert.doesNotMatch(groups[0]?.diff ?? '', /applyset|APPLYSET/, 'our bookkeeping label is in no diff');
  });

  it("groups one change in each target's own namespace, abstracting it in the identity and the subjects' namespace", () => {
    const groups = changeGroups([member('eu', 'shop-eu', [update('shop-eu')]), member('us', 'shop-us', [update('shop-us')])]);
    assert.equal(groups.length, 1);
    assert.deepEqual(groups[0]?.targets, ['eu', 'us']);
    assert.equal(groups[0]?.ref.namespace, NAMESPACE);
  });

  it("keeps apart the same change in a namespace that is not the target's own", () => {
    const groups = changeGroups([
      member('eu', 'shop-eu', [update('shared')]),
      member('us', 'shop-us', [update('shared')]),
      member('ap', 'shop-ap', [update('shop-ap')]),
    ]);
    assert.deepEqual(
      groups.map((g) => [g.ref.namespace, g.targets]),
      [
        ['shared', ['eu', 'us']],
        [NAMESPACE, ['ap']],
      ],
    );
  });

  it('keeps apart changes whose diffs differ, and a subject in another namespace', () => {
    const groups = changeGroups([member('eu', 'shop-eu', [update('shop-eu', 'shop-eu', 'admin')]), member('us', 'shop-us', [update('shop-us', 'ops')])]);
    assert.equal(groups.length, 2);
  });

  it('never groups an object that holds the placeholder text itself', () => {
    const groups = changeGroups([member('eu', 'shop-eu', [update('shop-eu', NAMESPACE)]), member('us', 'shop-us', [update('shop-us')])]);
    assert.equal(groups.length, 2);
  });
});
