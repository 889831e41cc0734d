// The phase/wave model as pure functions: where a manifest goes, whether a hook runs, the steps of
// a run and the order of prune.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../../src/objects/kube-object.js';
import { formatRef, refOf } from '../../../src/objects/object-ref.js';
import { decideHook, manifestDigest } from '../../../src/phases/hook-decision.js';
import type { EntryPhase } from '../../../src/model/phase.js';
import { placementOf, type PlacementVerdict } from '../../../src/phases/placement.js';
import { isPhased } from '../../../src/plan/plan-phases.js';
import { comparePruneOrder, runSteps, stepLabel } from '../../../src/phases/run-order.js';
import { pruneGroups } from '../../../src/apply/pruner.js';
import type { Action, PlanEntry } from '../../../src/model/plan.js';

const object = (kind: string, name: string, annotations: Record<string, string> = {}, spec?: KubeObject['spec']): KubeObject => ({
  apiVersion: kind === 'Job' ? 'batch/v1' : kind === 'Deployment' ? 'apps/v1' : 'v1',
  kind,
  metadata: { name, namespace: 'shop', annotations },
  ...(spec ? { spec } : {}),
});
const place = (o: KubeObject): PlacementVerdict => placementOf(o, formatRef(refOf(o)));
const entry = (o: KubeObject, action: Action, phase: EntryPhase): { entry: PlanEntry } => ({
  entry: { ref: refOf(o), action, notes: [], conflicts: [], phase },
});
const names = (items: readonly { entry: PlanEntry }[]): string[] => items.map((i) => `${i.entry.ref.kind}/${i.entry.ref.name}`);

describe('placing a manifest in the run', () => {
  it('reads our wave, then Argo CD sync-wave, and places objects without one in wave 0', () => {
    assert.deepEqual(place(object('Service', 'a', { 'kube-gitops.io/apply-wave': '2', 'argocd.argoproj.io/sync-wave': '5' })), {
      placement: { phase: 'wave', wave: 2 },
    });
    assert.deepEqual(place(object('Service', 'b', { 'argocd.argoproj.io/sync-wave': '-1' })), { placement: { phase: 'wave', wave: -1 } });
    assert.deepEqual(place(object('Deployment', 'c')), { placement: { phase: 'wave', wave: 0 } });
  });

  it('puts Namespaces, CRDs and configuration objects without a wave in the setup phase, and keeps an explicit wave of a ConfigMap', () => {
    assert.deepEqual(place(object('ConfigMap', 'cfg')), { placement: { phase: 'setup', wave: 0 } });
    assert.deepEqual(place(object('Secret', 'creds')), { placement: { phase: 'setup', wave: 0 } });
    assert.deepEqual(place(object('ConfigMap', 'late', { 'kube-gitops.io/apply-wave': '3' })), { placement: { phase: 'wave', wave: 3 } });
    const ns = place({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', annotations: { 'argocd.argoproj.io/sync-wave': '-5' } } });
    assert.ok('placement' in ns && ns.placement.phase === 'setup' && /its wave -5 is not used/.test(ns.placement.note ?? ''));
  });

  it('maps our hooks, Argo CD PreSync/PostSync and Helm pre/post install and upgrade hooks to pre-apply and post-apply', () => {
    const job = (annotations: Record<string, string>) => place(object('Job', 'migrate', annotations));
    assert.deepEqual(job({ 'kube-gitops.io/hook': 'pre-apply' }), { placement: { phase: 'pre-apply', wave: 0, deletePolicies: ['before-hook-creation'] } });
    assert.deepEqual(job({ 'argocd.argoproj.io/hook': 'PostSync', 'argocd.argoproj.io/hook-delete-policy': 'HookSucceeded' }), {
      placement: { phase: 'post-apply', wave: 0, deletePolicies: ['hook-succeeded'] },
    });
    assert.deepEqual(
      job({ 'helm.sh/hook': 'pre-install,pre-upgrade', 'helm.sh/hook-weight': '-2', 'helm.sh/hook-delete-policy': 'before-hook-creation,hook-failed' }),
      { placement: { phase: 'pre-apply', wave: -2, deletePolicies: ['before-hook-creation', 'hook-failed'] } },
    );
  });

  it('never applies a Helm test hook, and says so', () => {
    assert.deepEqual(place(object('Pod', 'smoke', { 'helm.sh/hook': 'test' })), { never: 'Pod/shop/smoke is a Helm test hook: kube-gitops never applies it.' });
  });

  it('refuses an invalid wave, an unknown hook name, an unknown delete policy and a hook that cannot complete, naming the object', () => {
    assert.deepEqual(place(object('Service', 'a', { 'kube-gitops.io/apply-wave': 'first' })), {
      problem: 'Service/shop/a: kube-gitops.io/apply-wave is "first"; a wave is a whole number such as -1, 0 or 2.',
    });
    assert.deepEqual(place(object('Service', 'b', { 'argocd.argoproj.io/sync-wave': '1.5' })), {
      problem: 'Service/shop/b: argocd.argoproj.io/sync-wave is "1.5"; a wave is a whole number such as -1, 0 or 2.',
    });
    assert.deepEqual(place(object('Job', 'j', { 'kube-gitops.io/hook': 'before' })), {
      problem: 'Job/shop/j: kube-gitops.io/hook "before" is not a hook kube-gitops runs; it runs pre-apply, post-apply.',
    });
    assert.ok('problem' in place(object('Job', 'j', { 'argocd.argoproj.io/hook': 'SyncFail' })));
    assert.ok('problem' in place(object('Job', 'j', { 'helm.sh/hook': 'pre-install,post-install' })));
    assert.deepEqual(place(object('Job', 'j', { 'kube-gitops.io/hook': 'pre-apply', 'kube-gitops.io/hook-delete-policy': 'always' })), {
      problem: 'Job/shop/j: kube-gitops.io/hook-delete-policy "always" is not a delete policy; use before-hook-creation, hook-succeeded, hook-failed.',
    });
    assert.deepEqual(place(object('Deployment', 'web', { 'kube-gitops.io/hook': 'pre-apply' })), {
      problem:
        'Deployment/shop/web is a pre-apply hook, but a Deployment runs until it is stopped and never completes; a hook must run to completion (make it a Job).',
    });
    assert.ok('problem' in place(object('Pod', 'p', { 'kube-gitops.io/hook': 'post-apply' })), 'a Pod restarting Always never completes');
    assert.ok('placement' in place(object('Pod', 'p', { 'kube-gitops.io/hook': 'post-apply' }, { restartPolicy: 'Never' })));
  });

  it('calls a target phased when it has a hook or more than one wave', () => {
    assert.equal(
      isPhased([
        { phase: 'setup', wave: 0 },
        { phase: 'wave', wave: 0 },
      ]),
      false,
    );
    assert.equal(
      isPhased([
        { phase: 'wave', wave: 0 },
        { phase: 'wave', wave: 1 },
      ]),
      true,
    );
    assert.equal(isPhased([{ phase: 'post-apply', wave: 0 }]), true);
  });
});

describe('whether a hook runs', () => {
  it('runs when it never ran, when its manifest changed, or when the merge writes anything else; not on a re-run with nothing to do', () => {
    assert.equal(decideHook({ otherWrites: 0, digest: 'a' }).runs, true);
    assert.deepEqual(decideHook({ otherWrites: 0, digest: 'b', recorded: 'a' }), {
      runs: true,
      reason: 'Runs on this merge: its manifest changed since it last ran.',
    });
    assert.deepEqual(decideHook({ otherWrites: 2, digest: 'a', recorded: 'a' }), {
      runs: true,
      reason: 'Runs on this merge: the merge writes 2 other object(s).',
    });
    assert.equal(decideHook({ otherWrites: 0, digest: 'a', recorded: 'a' }).runs, false);
  });

  it('digests a manifest the same whatever the order of its keys', () => {
    const a = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', labels: { a: '1', b: '2' } } };
    const b = { kind: 'ConfigMap', metadata: { labels: { b: '2', a: '1' }, name: 'x' }, apiVersion: 'v1' };
    assert.equal(manifestDigest(a), manifestDigest(b));
    assert.notEqual(manifestDigest(a), manifestDigest({ ...a, data: { k: 'v' } }));
  });
});

describe('the steps of a run and the order of prune', () => {
  const cfg = object('ConfigMap', 'cfg');
  const migrate = object('Job', 'migrate');
  const notify = object('Job', 'notify');
  const web = object('Deployment', 'web');
  const svc = object('Service', 'web');
  const early = object('Service', 'early');

  it('applies setup, then each pre-apply hook by weight, then the waves ascending, then post-apply hooks; hooks that do not run are left out', () => {
    const items = [
      entry(svc, 'create', { phase: 'wave', wave: 1 }),
      entry(notify, 'create', { phase: 'post-apply', wave: 0 }),
      entry(web, 'create', { phase: 'wave', wave: 0 }),
      entry(migrate, 'replace', { phase: 'pre-apply', wave: 5 }),
      entry(object('Job', 'seed'), 'create', { phase: 'pre-apply', wave: -1 }),
      entry(object('Job', 'skipped'), 'unchanged', { phase: 'pre-apply', wave: 0, hook: { runs: false, reason: '' } }),
      entry(cfg, 'create', { phase: 'setup', wave: 0 }),
      entry(early, 'update', { phase: 'wave', wave: 0 }),
      entry(object('Service', 'gone'), 'delete', { phase: 'wave', wave: 0 }),
    ];
    const steps = runSteps(items);
    assert.deepEqual(
      steps.map((s) => `${stepLabel(s, (e) => e.ref.name)}: ${s.kind === 'hook' ? s.item.entry.ref.name : names(s.items).join(' ')}`),
      [
        'setup (Namespaces, CRDs, configuration): ConfigMap/cfg',
        'pre-apply hook seed: seed',
        'pre-apply hook migrate: migrate',
        'wave 0: Service/early Deployment/web',
        'wave 1: Service/web',
        'post-apply hook notify: notify',
      ],
    );
  });

  it('prunes post-apply hooks first, then the waves from the last, then pre-apply hooks and setup, kinds reversed inside a wave', () => {
    const items = [
      entry(cfg, 'delete', { phase: 'setup', wave: 0 }),
      entry(web, 'delete', { phase: 'wave', wave: 0 }),
      entry(svc, 'delete', { phase: 'wave', wave: 0 }),
      entry(early, 'delete', { phase: 'wave', wave: 2 }),
      entry(migrate, 'delete', { phase: 'pre-apply', wave: 0 }),
      entry(notify, 'delete', { phase: 'post-apply', wave: 0 }),
    ];
    assert.deepEqual(names([...items].sort((a, b) => comparePruneOrder(a.entry, b.entry))), [
      'Job/notify',
      'Service/early',
      'Deployment/web',
      'Service/web',
      'Job/migrate',
      'ConfigMap/cfg',
    ]);
    assert.deepEqual(
      pruneGroups(items).map((g) => names(g).join(' ')),
      ['Job/notify', 'Service/early', 'Deployment/web Service/web', 'Job/migrate', 'ConfigMap/cfg'],
    );
  });
});

describe('phases in the plan made without a cluster', () => {
  it('places hooks and waves from the manifests, runs the hook because something else changes, and reports an invalid wave at file:line', async () => {
    const { planFromManifests } = await import('../../../src/plan/git-planner.js');
    const at = (o: KubeObject, line: number) => ({ object: o, source: { file: 'deploy/app.yaml', line } });
    const migrate = object('Job', 'migrate', { 'argocd.argoproj.io/hook': 'PreSync' });
    const web = (image: string) =>
      object('Deployment', 'web', { 'argocd.argoproj.io/sync-wave': '1' }, { template: { spec: { containers: [{ name: 'web', image }] } } });
    const plan = planFromManifests(
      [at(migrate, 1), at(web('web:1'), 20)],
      [at(migrate, 1), at(web('web:2'), 20), at(object('Service', 'bad', { 'kube-gitops.io/apply-wave': 'x' }), 40)],
      {
        target: 'shop',
        commit: 'c0ffee1',
        reason: 'not a live diff',
        namespace: 'shop',
      },
    );
    assert.deepEqual(
      plan.entries.map((e) => `${e.action} ${e.ref.name} ${e.phase?.phase ?? '-'} ${String(e.phase?.hook?.runs ?? '')}`),
      ['create bad - ', 'update web wave ', 'replace migrate pre-apply true'],
    );
    assert.deepEqual(
      plan.problems.map((p) => `${p.source?.line ?? 0}: ${p.message}`),
      ['40: Service/shop/bad: kube-gitops.io/apply-wave is "x"; a wave is a whole number such as -1, 0 or 2.'],
    );
  });
});
