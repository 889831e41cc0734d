// A local chart planned and applied against the local control plane: the HelmChart document is
// rendered by the real helm CLI in the loader, its objects planned (sources at the HelmChart
// document and the template), applied in the release namespace, and a values change plans exactly
// the objects it changes. The chart's Secret value never reaches the plan comment.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { RecordingLogger } from '../../src/model/logger.js';
import type { DesiredObject } from '../../src/objects/desired-object.js';
import type { KubeObject } from '../../src/objects/kube-object.js';
import { planChanges } from '../../src/plan/planner.js';
import { SecretRedactor } from '../../src/redaction/secret-redactor.js';
import { renderPlanMarkdown } from '../../src/render/plan-markdown.js';
import { runApply, type ApplySettings } from '../../src/run/apply-run.js';
import { liveCapabilities } from '../../src/run/live-capabilities.js';
import { loadDesired } from '../../src/run/load-stage.js';
import { withHelmOnPath } from '../support/helm-binary.js';
import { testCluster, testNamespace, type TestCluster } from '../support/test-cluster.js';
import { testApplySettings } from '../support/test-settings.js';
import { viaPath } from '../../src/objects/source-location.js';

const fixtures = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../fixtures/charts');

function helmChart(ns: string, values: string): string {
  return [
    'apiVersion: kube-gitops.io/v1alpha1',
    'kind: HelmChart',
    'metadata:',
    '  name: shop',
    `  namespace: ${ns}`,
    'spec:',
    '  chart: ../shop',
    '  includeCRDs: false',
    '  valuesFiles: [../values/production.yaml]',
    `  values: ${values}`,
    '',
  ].join('\n');
}

describe('a local Helm chart planned and applied against the local control plane', () => {
  let c: TestCluster;
  let restorePath: () => void = () => undefined;
  const cleanups: (() => Promise<void>)[] = [];

  before(async () => {
    c = await testCluster();
    restorePath = await withHelmOnPath();
  });
  after(async () => {
    restorePath();
    for (const cleanup of cleanups) await cleanup();
  });

  async function settingsFor(): Promise<ApplySettings> {
    const ns = await testNamespace('helm');
    cleanups.push(ns.cleanup, async () => void (await c.kubectl(['delete', 'clusterrole', `shop-${ns.name}-reader`, '--ignore-not-found'])));
    return testApplySettings({ target: ns.name, commit: '', namespace: ns.name, concurrency: 4, timeoutMs: 60_000 });
  }

  function workspace(ns: string, values: string): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kube-gitops-helm-it-'));
    cleanups.push(() => Promise.resolve(rmSync(dir, { recursive: true, force: true })));
    cpSync(fixtures, dir, { recursive: true });
    writeFileSync(path.join(dir, 'deploy', 'shop.yaml'), helmChart(ns, values));
    return dir;
  }

  const load = (dir: string, redactor: SecretRedactor): Promise<DesiredObject[]> =>
    loadDesired({ workspace: dir, paths: ['deploy'], exclude: [] }, new RecordingLogger(), redactor);

  async function live(ns: string, kind: string, name: string): Promise<KubeObject> {
    return JSON.parse(await c.kubectl(['get', kind, name, '-n', ns, '-o', 'json'])) as KubeObject;
  }

  it('plans the rendered objects at the HelmChart document and its templates, applies them, and plans a values change as exactly the objects it changes', async () => {
    const settings = await settingsFor();
    const ns = settings.namespace;
    const dir = workspace(ns, '{greeting: first, password: helm-secret-value-1}');
    const redactor = new SecretRedactor();
    const desired = await load(dir, redactor);

    const client = c.client();
    try {
      const { plan } = await planChanges(desired, client, { ...settings, commit: 'a'.repeat(40) }, new RecordingLogger(), redactor);
      assert.deepEqual(plan.problems, []);
      const created = plan.entries.map((e) => `${e.action} ${e.ref.kind}`).sort();
      assert.deepEqual(created, ['create ClusterRole', 'create ConfigMap', 'create Deployment', 'create Secret']);
      const markdown = redactor.redactString(renderPlanMarkdown(plan, { marker: '<!-- helm -->', maxBytes: 60_000 }));
      assert.ok(markdown.includes('`deploy/shop.yaml:1 → shop/templates/deployment.yaml`'), markdown);
      assert.ok(!markdown.includes('helm-secret-value-1'), "the chart's Secret value is hidden");

      const report = await runApply(
        desired,
        { ...settings, commit: 'a'.repeat(40) },
        { client, logger: new RecordingLogger(), version: '0.0.0-test', now: () => new Date() },
      );
      assert.equal(report.succeeded, true);
      const deployment = await live(ns, 'deployment', 'shop-web');
      assert.equal((deployment.spec as { replicas: number }).replicas, 3, 'values/production.yaml');
      assert.deepEqual((await live(ns, 'configmap', 'shop-config')).data, { greeting: 'first' });

      const changed = await load(workspace(ns, '{greeting: second, password: helm-secret-value-1}'), redactor);
      const next = await planChanges(changed, client, { ...settings, commit: 'b'.repeat(40) }, new RecordingLogger(), redactor);
      const changes = next.plan.entries.filter((e) => e.action !== 'unchanged').map((e) => `${e.action} ${e.ref.kind}/${e.ref.name}`);
      assert.deepEqual(changes, ['update ConfigMap/shop-config']);
    } finally {
      await client.close();
    }
  });

  it("renders with the live cluster's Capabilities: its Kubernetes version, and an object gated on a CRD's group only once that CRD is served", async () => {
    const settings = await settingsFor();
    const dir = workspace(settings.namespace, '{}');
    writeFileSync(path.join(dir, 'deploy', 'shop.yaml'), helmChart(settings.namespace, '{}').replace('../shop', '../gated'));
    const crd = path.join(fixtures, 'shop', 'crds', 'widgets.yaml');
    const client = c.client();
    try {
      const render = async () => {
        const logger = new RecordingLogger();
        const desired = await loadDesired(
          { workspace: dir, paths: ['deploy'], exclude: [] },
          logger,
          new SecretRedactor(),
          liveCapabilities(() => client, logger),
        );
        return {
          kinds: desired.map((d) => d.object.kind).sort(),
          data: desired.find((d) => d.object.kind === 'ConfigMap')?.object.data,
          log: logger.messages(),
        };
      };
      await c.kubectl(['delete', '-f', crd, '--ignore-not-found', '--wait=true']);
      await client.resourceTypes(true);
      const before = await render();
      assert.deepEqual(before.kinds, ['ConfigMap']);
      assert.deepEqual(before.data, { kubeVersion: 'v1.36.3' });
      assert.ok(
        before.log.some((l) => /live cluster's Capabilities: Kubernetes v1\.36\.3/.test(l)),
        before.log.join('\n'),
      );

      await c.kubectl(['apply', '-f', crd]);
      cleanups.push(async () => void (await c.kubectl(['delete', '-f', crd, '--ignore-not-found', '--wait=false'])));
      await c.kubectl(['wait', '--for=condition=Established', 'crd/widgets.shop.example.com', '--timeout=30s']);
      await client.resourceTypes(true);
      assert.deepEqual((await render()).kinds, ['ConfigMap', 'Widget']);
    } finally {
      await client.close();
    }
  });

  it("runs a chart's pre-install hook Job as a pre-apply hook: after the chart's ConfigMap, complete before the Deployment; its test hook is never applied", async () => {
    const settings = await settingsFor();
    const ns = settings.namespace;
    const dir = workspace(ns, '{}');
    writeFileSync(path.join(dir, 'deploy', 'shop.yaml'), helmChart(ns, '{}').replace('../shop', '../migrating'));
    const desired = await load(dir, new SecretRedactor());
    assert.deepEqual(desired.map((d) => d.object.kind).sort(), ['ConfigMap', 'Deployment', 'Job'], 'the test-success hook is dropped by --skip-tests');
    const client = c.client();
    const logger = new RecordingLogger();
    try {
      const report = await runApply(desired, { ...settings, commit: 'c'.repeat(40) }, { client, logger, version: '0.0.0-test', now: () => new Date() });
      const log = logger.messages();
      assert.equal(report.succeeded, true, log.join('\n'));
      assert.deepEqual(
        report.hooks.map((h) => `${h.phase} ${h.ref.kind}/${h.ref.name} ${h.state}`),
        ['pre-apply Job/shop-migrate succeeded'],
      );
      const job = report.planResult.plan.entries.find((e) => e.ref.kind === 'Job');
      assert.equal(job?.phase?.phase, 'pre-apply');
      assert.equal(job?.source && viaPath(job.source, 'template'), 'migrating/templates/migrate.yaml');
      const at = (pattern: RegExp): number => {
        const i = log.findIndex((l) => pattern.test(l));
        assert.ok(i >= 0, `no log line matches ${String(pattern)}:\n${log.join('\n')}`);
        return i;
      };
      const esc = ns.replace(/-/g, '\\-');
      assert.ok(at(new RegExp(`^create ConfigMap/${esc}/shop-db`)) < at(new RegExp(`^created Job/${esc}/shop-migrate$`)), 'the ConfigMap before the hook');
      assert.ok(
        at(new RegExp(`^Job/${esc}/shop-migrate is healthy`)) < at(new RegExp(`^create Deployment/${esc}/shop-web`)),
        'the hook complete before the Deployment',
      );
    } finally {
      await client.close();
    }
  });
});
