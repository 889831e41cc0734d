// The plan comment's first line: what the merge does and whether it can, each rule of plan-verdict.ts
// in its order, and names from manifests shown as code, never as markup.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../../src/objects/kube-object.js';
import { planVerdict } from '../../../src/render/plan-verdict.js';
import type { SignatureCheck } from '../../../src/signing/pull-request-check.js';
import { configMap, livePlan, planEntry } from '../../support/plan-entries.js';

const pvc = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: 'shop' } });

describe('the plan verdict', () => {
  it('counts what the merge applies and deletes, naming deleted objects whose data goes with them', () => {
    const a = configMap('a', { k: '1' });
    assert.equal(
      planVerdict(livePlan([planEntry('create', undefined, a), planEntry('update', a, configMap('a', { k: '2' }))])),
      '🚀 **Merging applies 2 changes**.',
    );
    assert.equal(
      planVerdict(livePlan([planEntry('create', undefined, a), planEntry('delete', pvc('data')), planEntry('delete', configMap('old', {}))])),
      '🗑️ **Merging applies 1 change and deletes 2 objects**, including `PersistentVolumeClaim/shop/data` (with what it holds).',
    );
    assert.equal(
      planVerdict(livePlan([planEntry('update', a, configMap('a', { k: '3' }), { drift: true })])),
      '🚀 **Merging applies 1 change**; 1 of them undoes drift in the cluster.',
    );
    assert.equal(planVerdict(livePlan([planEntry('create', undefined, a)], { basis: 'git' })), '🚀 **Merging applies 1 change** (compared in Git).');
  });

  it('says when the merge changes nothing, and what stays in place', () => {
    const a = configMap('a', {});
    assert.equal(planVerdict(livePlan([planEntry('unchanged', a, a)])), '✅ **Merging changes nothing in the cluster.**');
    assert.equal(
      planVerdict(livePlan([planEntry('retain', pvc('data'))])),
      '✅ **Merging changes nothing in the cluster.** 1 object no longer in the manifests stays in place.',
    );
  });

  it('puts what stops the merge first: problems, then refused signatures, then field conflicts', () => {
    const a = configMap('a', {});
    const conflicted = planEntry('update', a, configMap('a', { k: '1' }), { conflicts: [{ manager: 'kubectl-edit', field: '.data.k' }] });
    const withProblem = livePlan([conflicted], { problems: [{ message: 'bad' }, { message: 'worse' }] });
    assert.equal(planVerdict(withProblem), '⛔ **Merging applies nothing** until 2 problems are fixed (below).');
    assert.equal(
      planVerdict(livePlan([conflicted])),
      '⛔ **Merging applies nothing**: 1 field conflict (`ConfigMap/shop/a`: `.data.k` is owned by `kubectl-edit`); set force-conflicts: true to take the fields over, or undo that change in the cluster.',
    );
    const refused: SignatureCheck = {
      policy: { mode: 'keys', allowedSigners: { ssh: [], pgp: [] }, trustWebFlow: false, sinceLive: false },
      report: { head: 'abc', liveLabel: 'the base commit', verdicts: [], missing: 'the history is not there', allowed: 'nobody' },
    };
    assert.match(planVerdict(livePlan([conflicted]), refused), /^⛔ \*\*Merging applies nothing\*\*: verify-commits would refuse its commits/);
  });

  it("shows a manifest's names and a field manager's name as code, never as markup", () => {
    const evil = configMap('x', {});
    const entry = planEntry('update', evil, configMap('x', { a: '1' }), { conflicts: [{ manager: '**[click](https://evil.example)**', field: '.data.`a`' }] });
    const line = planVerdict(livePlan([entry]));
    assert.doesNotMatch(line, /\]\(https:\/\/evil\.example\)\*\*[^`]/);
    assert.match(line, /is owned by `+ ?\*\*\[click\]\(https:\/\/evil\.example\)\*\* ?`+/);
  });
});
