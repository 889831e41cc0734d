// A chart's sources under `path`: a chart directory beside its HelmChart document, and the values
// files the document names, are the chart's input and never read as manifests; a chart directory
// no HelmChart document names gets one problem showing the document to write. Real helm.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ManifestError } from '../../../../../src/model/errors.js';
import { RecordingLogger } from '../../../../../src/model/logger.js';
import { loadManifests } from '../../../../../src/load/manifest-loader.js';
import type { DesiredObject } from '../../../../../src/objects/desired-object.js';
import { formatProblem } from '../../../../../src/model/problem.js';
import { helm } from '../../../../support/chart-repository.js';
import { helmForSuite } from '../../../../support/helm-binary.js';

const fixtures = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../../fixtures/charts');
const HELM_CHART = 'apiVersion: kube-gitops.io/v1alpha1\nkind: HelmChart\nmetadata:\n  name: shop\n  namespace: shop\nspec:\n';

describe('Helm chart sources under path', () => {
  const { made } = helmForSuite();

  /** A workspace with the fixture chart at deploy/charts/shop and the given files. */
  function workspace(files: Record<string, string>): string {
    const ws = mkdtempSync(path.join(os.tmpdir(), 'kube-gitops-chart-src-'));
    made.push(ws);
    mkdirSync(path.join(ws, 'deploy', 'charts'), { recursive: true });
    cpSync(path.join(fixtures, 'shop'), path.join(ws, 'deploy', 'charts', 'shop'), { recursive: true });
    for (const [rel, text] of Object.entries(files)) writeFileSync(path.join(ws, rel), text);
    return ws;
  }
  const load = (ws: string, paths = ['deploy'], logger = new RecordingLogger()): Promise<DesiredObject[]> =>
    loadManifests({ workspace: ws, paths, exclude: [], logger, namespace: 'apps' });
  async function problemsOf(ws: string, paths: string[]): Promise<string[]> {
    const error = await load(ws, paths).then(
      () => assert.fail('the load succeeded'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof ManifestError, String(error));
    return error.problems.map(formatProblem);
  }
  const deployment = (objects: readonly DesiredObject[]) => objects.find((o) => o.object.kind === 'Deployment')?.object.spec;

  it('renders a chart directory beside its HelmChart document, whose templates are not read as manifests', async () => {
    const ws = workspace({ 'deploy/release.yaml': `${HELM_CHART}  chart: ./charts/shop\n` });
    const logger = new RecordingLogger();
    const objects = await load(ws, ['deploy'], logger);
    assert.deepEqual(objects.map((o) => o.object.kind).sort(), ['ClusterRole', 'ConfigMap', 'CustomResourceDefinition', 'Deployment', 'Secret']);
    assert.ok(
      logger.messages().includes("Not read as manifests: the Helm chart 'deploy/charts/shop' (HelmChart/shop renders it)"),
      logger.messages().join('\n'),
    );
    // A glob reaching into the chart picks up its templates one by one: they are the chart's too.
    assert.equal((await load(ws, ['deploy/**/*.yaml'])).length, 5);
  });

  it("reads a values file the HelmChart names beside it as the chart's input, not as a manifest (the README's example)", async () => {
    const ws = workspace({
      'deploy/shop.yaml': `${HELM_CHART}  chart: ./charts/shop\n  valuesFiles: [values-prod.yaml]\n  values: {replicas: 2}\n`,
      'deploy/values-prod.yaml': 'replicas: 4\ngreeting: hello from prod\n',
    });
    const objects = await load(ws);
    assert.equal((deployment(objects) as { replicas: number } | undefined)?.replicas, 2);
    assert.deepEqual(objects.find((o) => o.object.kind === 'ConfigMap')?.object.data, { greeting: 'hello from prod' });
    // Without the HelmChart naming it, the same file holds no object: a walk skips it with a notice, and named in path it is an invalid manifest.
    writeFileSync(path.join(ws, 'deploy/shop.yaml'), `${HELM_CHART}  chart: ./charts/shop\n`);
    const logger = new RecordingLogger();
    await load(ws, ['deploy'], logger);
    assert.ok(
      logger.records.some((r) => r.message.startsWith('Skipped 1 file that holds no Kubernetes object') && r.message.includes('deploy/values-prod.yaml')),
      JSON.stringify(logger.records),
    );
    const problems = await problemsOf(ws, ['deploy', 'deploy/values-prod.yaml']);
    assert.ok(
      problems.some((p) => p.startsWith('deploy/values-prod.yaml:1')),
      problems.join('\n'),
    );
  });

  it('gives one problem, at the Chart.yaml, showing the HelmChart document to write, for a chart directory nothing names', async () => {
    const ws = workspace({});
    const expected = [
      "deploy/charts/shop/Chart.yaml:1: 'deploy/charts/shop' is a Helm chart (it has a Chart.yaml): its templates are not manifests, and no HelmChart document under path names it. " +
        "Declare its release with a HelmChart document, such as 'deploy/charts/shop-release.yaml': " +
        '{apiVersion: kube-gitops.io/v1alpha1, kind: HelmChart, metadata: {name: shop, namespace: shop}, spec: {chart: ./shop}} ' +
        '(spec.chart is relative to the document\'s file; see the README, "Helm charts")',
    ];
    assert.deepEqual(await problemsOf(ws, ['deploy/charts/shop']), expected);
    assert.deepEqual(await problemsOf(ws, ['deploy']), expected);
    assert.deepEqual(await problemsOf(ws, ['deploy/charts/shop/templates/*.yaml']), expected);
  });

  it("renders a chart with a local file:// dependency beside it in the workspace (helm-guestbook's layout), with or without Chart.lock", async () => {
    const ws = workspace({ 'deploy/release.yaml': `${HELM_CHART}  chart: ../charts/guestbook\n  values: {greeter: {greeting: from the parent}}\n` });
    rmSync(path.join(ws, 'deploy', 'charts'), { recursive: true });
    const chart = path.join(ws, 'charts', 'guestbook');
    mkdirSync(path.join(chart, 'templates'), { recursive: true });
    cpSync(path.join(fixtures, 'greeter'), path.join(ws, 'charts', 'greeter'), { recursive: true });
    const dependency = 'dependencies:\n  - name: greeter\n    version: 0.2.0\n    repository: file://../greeter\n';
    writeFileSync(path.join(chart, 'Chart.yaml'), `apiVersion: v2\nname: guestbook\nversion: 0.1.0\n${dependency}`);
    const greeter = (objects: readonly DesiredObject[]) => objects.find((o) => o.object.metadata.name === 'shop-greeter')?.object.data;
    assert.deepEqual(greeter(await load(ws)), { greeting: 'from the parent', chartVersion: '0.2.0' });
    assert.ok(!existsSync(path.join(chart, 'charts')), 'nothing is built in the workspace');

    // A Chart.lock made where the chart is (by `helm dependency update`) stays in sync with the copy's Chart.yaml.
    const scratch = mkdtempSync(path.join(os.tmpdir(), 'kube-gitops-chart-lock-'));
    made.push(scratch);
    cpSync(path.join(ws, 'charts'), scratch, { recursive: true });
    await helm(['dependency', 'update', path.join(scratch, 'guestbook')]);
    cpSync(path.join(scratch, 'guestbook', 'Chart.lock'), path.join(chart, 'Chart.lock'));
    assert.deepEqual(greeter(await load(ws)), { greeting: 'from the parent', chartVersion: '0.2.0' });
  });
});
