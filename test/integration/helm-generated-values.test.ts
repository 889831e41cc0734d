// A chart that generates a password once and keeps it with `lookup` (grafana, kube-prometheus-stack),
// and checksums it into a Deployment's pod template, against the local control plane. `helm
// template` never reads the cluster, so every render generates a new password; the plan keeps the
// live value at every path the two renders disagree on. Applied once, the same commit then plans
// every object unchanged and a second apply writes nothing (resourceVersions unchanged); a real
// change of a value still reaches its ConfigMap and the Deployment's other checksum. A chart that
// names an object with randAlphaNum is warned about at that object: every apply makes a new one;
// a hook deleted once it succeeded does not run again because a render generated another value.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { DesiredObject } from '../../src/objects/desired-object.js';
import { RecordingLogger } from '../../src/model/logger.js';
import type { KubeObject } from '../../src/objects/kube-object.js';
import { planChanges } from '../../src/plan/planner.js';
import { SecretRedactor } from '../../src/redaction/secret-redactor.js';
import { renderPlanJson, renderPlanMarkdown } from '../../src/render/plan-markdown.js';
import { runApply } from '../../src/run/apply-run.js';
import { loadDesired } from '../../src/run/load-stage.js';
import { helmClusterSuite } from '../support/helm-cluster-suite.js';
import { testNamespace } from '../support/test-cluster.js';
import { testApplySettings } from '../support/test-settings.js';

const charts = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../fixtures/charts');

function passwordOf(secret: KubeObject | undefined): string {
  const data = secret?.data;
  const value = data && typeof data === 'object' && !Array.isArray(data) ? data.password : undefined;
  assert.equal(typeof value, 'string', 'the Secret has data.password');
  return String(value);
}

describe('a chart that generates its password with randAlphaNum, applied twice against the local control plane', () => {
  const suite = helmClusterSuite();
  const { cleanups } = suite;

  /** A namespace, and a workspace whose HelmChart document (release `app`) renders `chartName` with the values `writeChart` is given. */
  async function target(chartName: string) {
    const ns = await testNamespace('helm-kept');
    cleanups.push(ns.cleanup);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kube-gitops-helm-kept-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    cpSync(path.join(charts, chartName), path.join(dir, 'charts', chartName), { recursive: true });
    const writeChart = (values: string) =>
      writeFileSync(
        path.join(dir, 'deploy.yaml'),
        `apiVersion: kube-gitops.io/v1alpha1\nkind: HelmChart\nmetadata: {name: app, namespace: ${ns.name}}\nspec:\n  chart: charts/${chartName}\n  values: ${values}\n`,
      );
    writeChart('{}');
    const settings = testApplySettings({ target: ns.name, commit: 'a'.repeat(40), namespace: ns.name, concurrency: 4, timeoutMs: 60_000 });
    const redactor = new SecretRedactor();
    const load = () => loadDesired({ workspace: dir, paths: ['deploy.yaml'], exclude: [] }, new RecordingLogger(), redactor);
    const client = suite.cluster().client();
    return { ns, writeChart, settings, redactor, load, client };
  }

  it('plans every object unchanged for an unchanged commit and writes nothing on the next apply, keeping the live password and checksum', async () => {
    const { ns, writeChart, settings, redactor, load, client } = await target('kept-secret');
    const live = async (kind: string, name: string) =>
      JSON.parse(await suite.cluster().kubectl(['get', kind, `app-${name}`, '-n', ns.name, '-o', 'json'])) as KubeObject & {
        metadata: { resourceVersion: string };
      };
    const versions = async () =>
      Promise.all([live('secret', 'admin'), live('configmap', 'config'), live('deployment', 'web')]).then((os) => os.map((o) => o.metadata.resourceVersion));
    const apply = async (desired: DesiredObject[]) => {
      const report = await runApply(desired, settings, { client, logger: new RecordingLogger(), version: '0.0.0-test', now: () => new Date(), redactor });
      assert.equal(report.succeeded, true, JSON.stringify(report.planResult.plan.problems));
      return report;
    };
    try {
      await apply(await load());
      const password = passwordOf(await live('secret', 'admin'));
      const podTemplate = (await live('deployment', 'web')).spec;
      const written = await versions();

      const again = await load();
      const generated = again.flatMap((d) => (d.chart?.nonDeterministic ?? []).map((p) => `${d.object.kind} ${p.join('.')}`)).sort();
      assert.deepEqual(generated, ['Deployment spec.template.metadata.annotations.checksum/secret', 'Secret data.password'], 'the renders disagree there');
      const { plan } = await planChanges(again, client, { ...settings, commit: 'b'.repeat(40) }, new RecordingLogger(), redactor);
      assert.deepEqual(
        plan.entries.map((e) => `${e.action} ${e.ref.kind}`).sort(),
        ['unchanged ConfigMap', 'unchanged Deployment', 'unchanged Secret'],
        'an unchanged commit plans nothing',
      );
      const markdown = redactor.redactString(renderPlanMarkdown(plan, { marker: '<!-- helm-kept -->', maxBytes: 60_000 }));
      assert.match(markdown, /`data\.password` is rendered differently every time .*the live value is kept/);
      const renderedPassword = passwordOf(again.find((d) => d.object.kind === 'Secret')?.object);
      for (const value of [
        password,
        Buffer.from(password, 'base64').toString('utf8'),
        renderedPassword,
        Buffer.from(renderedPassword, 'base64').toString('utf8'),
      ]) {
        assert.ok(!markdown.includes(value) && !redactor.redactString(renderPlanJson(plan)).includes(value), 'no password in the comment or the plan file');
      }

      const report = await apply(await load());
      assert.deepEqual(report.outcome.applied ?? [], [], 'nothing applied');
      assert.deepEqual(await versions(), written, 'no object written');
      assert.equal(passwordOf(await live('secret', 'admin')), password, 'the live password is kept');
      assert.deepEqual((await live('deployment', 'web')).spec, podTemplate, 'the pods are not restarted');

      writeChart('{greeting: hi}');
      const changed = await planChanges(await load(), client, { ...settings, commit: 'c'.repeat(40) }, new RecordingLogger(), redactor);
      assert.deepEqual(
        changed.plan.entries.map((e) => `${e.action} ${e.ref.kind}`).sort(),
        ['unchanged Secret', 'update ConfigMap', 'update Deployment'],
        'a real change of a value still rolls the pods through its own checksum',
      );
    } finally {
      await client.close();
    }
  });

  it('warns at an object whose name the chart generates anew, saying that every apply creates a new one and prunes the one before', async () => {
    const { ns, settings, redactor, load, client } = await target('random-name');
    try {
      const first = await load();
      const report = await runApply(first, settings, { client, logger: new RecordingLogger(), version: '0.0.0-test', now: () => new Date(), redactor });
      assert.equal(report.succeeded, true, JSON.stringify(report.planResult.plan.problems));
      const { plan } = await planChanges(await load(), client, { ...settings, commit: 'b'.repeat(40) }, new RecordingLogger(), redactor);
      assert.deepEqual(
        plan.entries.map((e) => `${e.action} ${e.ref.kind} ${e.ref.name === first[0]?.object.metadata.name ? 'applied' : 'new'}`).sort(),
        ['create ConfigMap new', 'delete ConfigMap applied'],
        'the next run creates another and prunes the first',
      );
      const warnings = plan.warnings.filter((w) => w.startsWith(`ConfigMap/${ns.name}/app-run-`));
      assert.equal(warnings.length, 1, plan.warnings.join('\n'));
      assert.match(
        warnings[0] ?? '',
        /\(deploy\.yaml:1 → random-name\/templates\/job-config\.yaml\): its name is rendered differently every time \(randAlphaNum, now…\), so every apply creates it under a new name and prunes the one before/,
      );
      const created = plan.entries.find((e) => e.action === 'create');
      assert.match(created?.notes.join(' ') ?? '', /Non-deterministic name: .* every apply creates a new one and prunes the one before/);
    } finally {
      await client.close();
    }
  });

  it('does not run a hook again for a field the chart generates anew, and runs it when a real value changes', async () => {
    const { writeChart, settings, redactor, load, client } = await target('generated-hook');
    const hookOf = (report: {
      planResult: { plan: { entries: readonly { ref: { kind: string }; action: string; phase?: { hook?: { runs: boolean } } }[] } };
    }) => {
      const job = report.planResult.plan.entries.find((e) => e.ref.kind === 'Job');
      return `${job?.action ?? 'none'} runs=${String(job?.phase?.hook?.runs)}`;
    };
    const apply = async (commit: string) => {
      const report = await runApply(
        await load(),
        { ...settings, commit: commit.repeat(40) },
        { client, logger: new RecordingLogger(), version: '0.0.0-test', now: () => new Date(), redactor },
      );
      assert.equal(report.succeeded, true, JSON.stringify(report.planResult.plan.problems));
      return report;
    };
    try {
      assert.equal(hookOf(await apply('a')), 'create runs=true', 'the first run runs the hook');
      assert.equal(hookOf(await apply('a')), 'unchanged runs=false', 'only its generated token differs: it does not run again');
      writeChart('{mode: loud}');
      assert.equal(hookOf(await apply('b')), 'create runs=true', 'a real change runs it');
    } finally {
      await client.close();
    }
  });
});
