// Charts against the local control plane: an object gated on a CRD's API group renders only once
// that CRD (in a group unique to this test) is served, from a HelmChart document and from a
// kustomization's helmCharts alike; spec.apiVersions adds to the live Capabilities; and a chart with randAlphaNum, applied once, plans its generated fields as
// non-deterministic on the next plan, keeping their live values, with the Secret's values (live and rendered) never shown;
// a Helm 2 crd-install hook's CRD is applied with the custom resource that needs it.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { RecordingLogger } from '../../src/model/logger.js';
import type { KubeObject } from '../../src/objects/kube-object.js';
import { planChanges } from '../../src/plan/planner.js';
import { SecretRedactor } from '../../src/redaction/secret-redactor.js';
import { renderPlanJson, renderPlanMarkdown } from '../../src/render/plan-markdown.js';
import { runApply } from '../../src/run/apply-run.js';
import { liveCapabilities } from '../../src/run/live-capabilities.js';
import { loadDesired } from '../../src/run/load-stage.js';
import { helmClusterSuite } from '../support/helm-cluster-suite.js';
import { testNamespace, uniqueName } from '../support/test-cluster.js';
import { testApplySettings } from '../support/test-settings.js';

const fixtures = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../fixtures/charts');

describe('charts rendered with the live Capabilities and planned twice against the local control plane', () => {
  const suite = helmClusterSuite();
  const { cleanups } = suite;

  function workspace(ns: string, spec: string): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kube-gitops-helm-live-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    cpSync(fixtures, dir, { recursive: true });
    writeFileSync(
      path.join(dir, 'deploy', 'shop.yaml'),
      `apiVersion: kube-gitops.io/v1alpha1\nkind: HelmChart\nmetadata:\n  name: app\n  namespace: ${ns}\nspec:\n${spec}`,
    );
    return dir;
  }

  it("renders an object gated on a CRD's API group only once that CRD is live, and adds spec.apiVersions to the live ones", async () => {
    const group = `${uniqueName('helmgate')}.kube-gitops.test`;
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: `gauges.${group}` },
      spec: {
        group,
        names: { kind: 'Gauge', plural: 'gauges', singular: 'gauge', listKind: 'GaugeList' },
        scope: 'Namespaced',
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
      },
    };
    const ns = await testNamespace('helm-live');
    cleanups.push(ns.cleanup);
    const dir = workspace(ns.name, `  chart: ../gated-group\n  values: {apiVersion: ${group}/v1/Gauge}\n`);
    const extra = workspace(ns.name, `  chart: ../gated-group\n  apiVersions: [${group}/v1/Gauge]\n  values: {apiVersion: ${group}/v1/Gauge}\n`);
    // The same chart through a kustomization's helmCharts: kustomize is given the live Capabilities too.
    const viaKustomize = workspace(ns.name, '');
    rmSync(path.join(viaKustomize, 'deploy'), { recursive: true });
    cpSync(path.join(fixtures, 'gated-group'), path.join(viaKustomize, 'deploy', 'charts', 'gated-group'), { recursive: true });
    writeFileSync(path.join(viaKustomize, 'deploy', 'charts', 'gated-group', 'values.yaml'), '{}\n'); // kustomize reads a local chart's values.yaml
    writeFileSync(
      path.join(viaKustomize, 'deploy', 'kustomization.yaml'),
      `helmCharts:\n- name: gated-group\n  releaseName: app\n  namespace: ${ns.name}\n  includeCRDs: true\n  valuesInline: {apiVersion: ${group}/v1/Gauge}\n`,
    );
    const client = suite.cluster().client();
    try {
      const names = async (workspaceDir: string) => {
        const logger = new RecordingLogger();
        const desired = await loadDesired(
          { workspace: workspaceDir, paths: ['deploy'], exclude: [] },
          logger,
          new SecretRedactor(),
          liveCapabilities(() => client, logger),
        );
        return desired.map((d) => d.object.metadata.name).sort();
      };
      assert.deepEqual(await names(dir), ['app-always'], 'the CRD is not served yet');
      assert.deepEqual(await names(viaKustomize), ['app-always'], 'the CRD is not served yet (kustomize)');
      assert.deepEqual(await names(extra), ['app-always', 'app-monitor'], 'spec.apiVersions adds to the live Capabilities');

      const file = path.join(dir, 'crd.json');
      writeFileSync(file, JSON.stringify(crd));
      await suite.cluster().kubectl(['apply', '-f', file]);
      cleanups.push(async () => void (await suite.cluster().kubectl(['delete', 'crd', crd.metadata.name, '--ignore-not-found', '--wait=false'])));
      await suite.cluster().kubectl(['wait', '--for=condition=Established', `crd/${crd.metadata.name}`, '--timeout=30s']);
      await client.resourceTypes(true);
      assert.deepEqual(await names(dir), ['app-always', 'app-monitor'], 'the CRD is served now');
      assert.deepEqual(await names(viaKustomize), ['app-always', 'app-monitor'], 'the CRD is served now (kustomize)');
    } finally {
      await client.close();
    }
  });

  it('plans the fields a chart generates anew (randAlphaNum in a ConfigMap and a Secret) as non-deterministic, never showing the Secret values', async () => {
    const ns = await testNamespace('helm-random');
    cleanups.push(ns.cleanup);
    const settings = testApplySettings({ target: ns.name, commit: 'a'.repeat(40), namespace: ns.name, concurrency: 4, timeoutMs: 60_000 });
    const dir = workspace(ns.name, '  chart: ../random\n');
    const client = suite.cluster().client();
    try {
      const redactor = new SecretRedactor();
      const first = await loadDesired({ workspace: dir, paths: ['deploy'], exclude: [] }, new RecordingLogger(), redactor);
      const applied = await runApply(first, settings, { client, logger: new RecordingLogger(), version: '0.0.0-test', now: () => new Date(), redactor });
      assert.equal(applied.succeeded, true);
      const live = JSON.parse(await suite.cluster().kubectl(['get', 'secret', 'app-password', '-n', ns.name, '-o', 'json'])) as KubeObject;
      const livePassword = Buffer.from(String((live.data as Record<string, string>).password), 'base64').toString('utf8');

      const again = await loadDesired({ workspace: dir, paths: ['deploy'], exclude: [] }, new RecordingLogger(), redactor);
      const renderedPassword = String((again.find((d) => d.object.kind === 'Secret')?.object.stringData as Record<string, string>).password);
      const { plan } = await planChanges(again, client, { ...settings, commit: 'b'.repeat(40) }, new RecordingLogger(), redactor);
      assert.deepEqual(
        plan.entries.map((e) => `${e.action} ${e.ref.kind}`).sort(),
        ['unchanged ConfigMap', 'unchanged Secret'],
        'the live values are kept where the renders differ (stringData.password as the live data.password)',
      );
      assert.deepEqual(plan.helm?.nonDeterministic.map((n) => `${n.object} ${n.paths.join(',')}`).sort(), [
        `ConfigMap/${ns.name}/app-session data.sessionKey`,
        `Secret/${ns.name}/app-password stringData.password`,
      ]);
      assert.match(plan.helm?.capabilities ?? '', /^helm's built-in Capabilities$/, 'loaded without a cluster to ask');
      const markdown = redactor.redactString(renderPlanMarkdown(plan, { marker: '<!-- helm-random -->', maxBytes: 60_000 }));
      const json = redactor.redactString(renderPlanJson(plan));
      assert.match(markdown, /`stringData\.password` is rendered differently every time .*, so the live value is kept: .* set it in the HelmChart's values/);
      assert.deepEqual(plan.entries.find((e) => e.ref.kind === 'ConfigMap')?.notes, [
        'Generated by the chart: `data.sessionKey` is rendered anew every time, so the live value is kept there.',
      ]);
      for (const value of [livePassword, renderedPassword, Buffer.from(renderedPassword).toString('base64')]) {
        assert.ok(!markdown.includes(value) && !json.includes(value), 'no Secret value in the comment or the plan file');
      }
    } finally {
      await client.close();
    }
  });

  it("applies a Helm 2 crd-install hook's CustomResourceDefinition as a CRD, before the custom resource of the same chart", async () => {
    const ns = await testNamespace('helm2-crds');
    cleanups.push(ns.cleanup);
    const group = `${uniqueName('helmtwo')}.kube-gitops.test`;
    cleanups.push(async () => void (await suite.cluster().kubectl(['delete', 'crd', `widgets.${group}`, '--ignore-not-found', '--wait=false'])));
    const settings = testApplySettings({ target: ns.name, commit: 'a'.repeat(40), namespace: ns.name, concurrency: 4, timeoutMs: 60_000 });
    const dir = workspace(ns.name, `  chart: ../helm2-crds\n  values: {group: ${group}}\n`);
    const client = suite.cluster().client();
    try {
      const redactor = new SecretRedactor();
      const desired = await loadDesired({ workspace: dir, paths: ['deploy'], exclude: [] }, new RecordingLogger(), redactor);
      const applied = await runApply(desired, settings, { client, logger: new RecordingLogger(), version: '0.0.0-test', now: () => new Date(), redactor });
      assert.equal(applied.succeeded, true, JSON.stringify(applied.planResult.plan.problems));
      const crd = applied.planResult.plan.entries.find((e) => e.ref.kind === 'CustomResourceDefinition');
      assert.equal(crd?.action, 'create');
      assert.match(crd?.notes.join(' ') ?? '', /Helm 2 crd-install hook: Helm 3 leaves it out .* applies it as an ordinary object/);
      const live = JSON.parse(await suite.cluster().kubectl(['get', `widgets.${group}`, 'app-widget', '-n', ns.name, '-o', 'json'])) as KubeObject;
      assert.deepEqual(live.spec, { size: 3 });
    } finally {
      await client.close();
    }
  });
});
