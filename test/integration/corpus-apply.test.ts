// Real-world sets from ../shared/corpus applied in one run each — CRDs and their custom resources
// together — then planned again (zero noise) and re-applied (no writes).
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { RecordingLogger } from '../../src/model/logger.js';
import { loadManifests } from '../../src/load/manifest-loader.js';
import { planChanges } from '../../src/plan/planner.js';
import { isProvenNoOpApply } from '../../src/plan/no-op-apply.js';
import { normalizeForDiff } from '../../src/plan/normalize.js';
import { countActions } from '../../src/model/plan.js';
import { runApply, type ApplySettings } from '../../src/run/apply-run.js';
import { testCluster, uniqueName } from '../support/test-cluster.js';
import { testApplySettings } from '../support/test-settings.js';

const corpus = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../shared/corpus');

interface CorpusCase {
  set: string;
  paths: string[];
  exclude?: string[];
  /** Objects that must exist afterwards, as `kubectl get` names. */
  expect: string[];
}

const cases: CorpusCase[] = [
  { set: 'argocd-guestbook', paths: ['test/e2e/testdata/crd-creation'], expect: ['customresourcedefinition.apiextensions.k8s.io/dummies.argoproj.io'] },
  {
    set: 'kubectl-testdata',
    paths: ['testdata/apply/applysets-crd.yaml', 'testdata/apply/applyset-cr.yaml'],
    expect: ['customresourcedefinition.apiextensions.k8s.io/applysets.company.com'],
  },
  {
    set: 'prometheus-operator-bundle',
    paths: ['.'],
    expect: ['customresourcedefinition.apiextensions.k8s.io/prometheuses.monitoring.coreos.com', 'clusterrole.rbac.authorization.k8s.io/prometheus-operator'],
  },
  {
    set: 'ingress-nginx',
    paths: ['.'],
    expect: ['namespace/ingress-nginx', 'validatingwebhookconfiguration.admissionregistration.k8s.io/ingress-nginx-admission'],
  },
];

const INVENTORY_NAMESPACE = 'corpus-inventory';

describe('applying real-world corpus sets against the local control plane', () => {
  const namespaces: string[] = [];
  after(async () => {
    const c = await testCluster();
    for (const ns of namespaces) await c.kubectl(['delete', 'namespace', ns, '--wait=false', '--ignore-not-found']);
  });

  for (const k of cases) {
    it(`${k.set}: applies cleanly in one run, then plans with zero noise and re-applies without writing`, async (t) => {
      const c = await testCluster();
      const ns = uniqueName('corpus');
      namespaces.push(ns);
      await c.kubectl(['create', 'namespace', ns]);
      const desired = await loadManifests({ workspace: path.join(corpus, k.set), paths: k.paths, exclude: k.exclude ?? [], logger: new RecordingLogger() });
      // Cluster-scoped members (CRDs, ClusterRoles, Namespaces) outlive the test namespace, so each set
      // keeps one ApplySet across runs (fixed name and inventory namespace): a re-run finds its own objects.
      await c.kubectl(['create', 'namespace', INVENTORY_NAMESPACE]).catch(() => undefined);
      const settings: ApplySettings = testApplySettings({
        target: `corpus-${k.set}`,
        commit: 'c'.repeat(40),
        namespace: ns,
        inventoryNamespace: INVENTORY_NAMESPACE,
        wait: false,
        timeoutMs: 60_000,
      });
      const deps = { client: c.client(), logger: new RecordingLogger(), version: 'test', now: () => new Date() };
      const first = await runApply(desired, settings, deps);
      assert.deepEqual(first.outcome.failed, []);
      assert.equal(first.succeeded, true);
      for (const name of k.expect) assert.ok((await c.kubectl(['get', name, '-o', 'name'])).trim() !== '', `${name} exists`);

      const plan = await planChanges(desired, c.client(), settings, new RecordingLogger());
      const counts = countActions(plan.plan.entries);
      assert.deepEqual(plan.plan.problems, []);
      assert.equal(
        counts.unchanged,
        desired.length,
        `every object unchanged; changed: ${plan.plan.entries
          .filter((e) => e.action !== 'unchanged')
          .map((e) => `${e.action} ${e.ref.kind}/${e.ref.name}`)
          .join(', ')}`,
      );

      // The plan's "proven unchanged" shortcut (no dry-run) must agree with the server on every object it proves.
      let proven = 0;
      for (const change of plan.changes) {
        const live = change.type && change.desired ? await c.client().get(change.type, change.entry.ref) : undefined;
        if (!live || !change.type || !change.desired || !isProvenNoOpApply(change.desired, live, settings.fieldManager)) continue;
        proven += 1;
        const dryRun = await c.client().apply(change.type, change.desired, { fieldManager: settings.fieldManager, force: false, dryRun: true });
        assert.deepEqual(
          normalizeForDiff(dryRun.object),
          normalizeForDiff(live),
          `${change.entry.ref.kind}/${change.entry.ref.name} proven unchanged; the server agrees`,
        );
      }
      t.diagnostic(`${proven} of ${plan.changes.length} objects proven unchanged from managedFields`);
      assert.ok(proven > 0, 'the shortcut applies to real-world objects');

      const again = await runApply(desired, { ...settings, commit: 'd'.repeat(40) }, deps);
      assert.equal(again.succeeded, true);
      assert.deepEqual(again.outcome.applied, [], 're-applying writes nothing');
    });
  }
});
