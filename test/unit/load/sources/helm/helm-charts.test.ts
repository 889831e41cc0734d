import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ManifestError } from '../../../../../src/model/errors.js';
import { RecordingLogger } from '../../../../../src/model/logger.js';
import { loadManifests } from '../../../../../src/load/manifest-loader.js';
import type { KubeObject } from '../../../../../src/objects/kube-object.js';
import { formatLocation, formatProblem } from '../../../../../src/model/problem.js';
import { withHelmOnPath } from '../../../../support/helm-binary.js';
import { viaPath } from '../../../../../src/objects/source-location.js';

const fixtures = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../../fixtures/charts');

/** A workspace holding the fixture charts and one HelmChart document, deploy/app.yaml. */
function workspaceWith(helmChart: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kube-gitops-helm-'));
  cpSync(fixtures, dir, { recursive: true });
  writeFileSync(path.join(dir, 'deploy', 'shop.yaml'), helmChart);
  return dir;
}

function helmChart(spec: string, meta = '  name: shop\n  namespace: shop\n'): string {
  return `# a comment line first\napiVersion: kube-gitops.io/v1alpha1\nkind: HelmChart\nmetadata:\n${meta}spec:\n${spec}`;
}

async function problemsOf(workspace: string): Promise<string[]> {
  try {
    await loadManifests({ workspace, paths: ['deploy'], exclude: [], logger: new RecordingLogger(), namespace: 'apps' });
  } catch (error) {
    if (error instanceof ManifestError) return error.problems.map(formatProblem);
    throw error;
  }
  assert.fail('the load succeeded');
}

const byName = (objects: readonly { object: KubeObject }[], kind: string) => objects.find((o) => o.object.kind === kind)?.object;

/** helm on PATH for the suite, and workspaces (one HelmChart document each) removed after it. */
function helmSuite(): (doc: string) => string {
  let restorePath: () => void = () => undefined;
  const made: string[] = [];
  before(async () => {
    restorePath = await withHelmOnPath();
  });
  after(() => {
    restorePath();
    for (const d of made) rmSync(d, { recursive: true, force: true });
  });
  return (doc) => {
    const dir = workspaceWith(doc);
    made.push(dir);
    return dir;
  };
}

describe('HelmChart documents', () => {
  const workspace = helmSuite();

  it('renders a local chart with its values files, then inline values, in place of the HelmChart document', async () => {
    const seen: KubeObject[] = [];
    const objects = await loadManifests({
      workspace: fixtures,
      paths: ['deploy'],
      exclude: [],
      logger: new RecordingLogger(),
      onObjects: (o) => seen.push(...o),
    });
    assert.deepEqual(objects.map((o) => o.object.kind).sort(), ['ClusterRole', 'ConfigMap', 'CustomResourceDefinition', 'Deployment', 'Secret']);
    assert.equal(
      byName(objects, 'Deployment')?.spec && (byName(objects, 'Deployment')?.spec as { replicas: number }).replicas,
      3,
      'from values/production.yaml',
    );
    assert.deepEqual(byName(objects, 'ConfigMap')?.data, { greeting: 'hello from inline values' }, 'inline values win over the files');
    assert.ok(!objects.some((o) => o.object.kind === 'HelmChart'), 'the HelmChart document itself is never an object to apply');
    assert.ok(!objects.some((o) => o.object.kind === 'Pod'), 'test hooks are skipped');
    assert.ok(
      seen.some((o) => o.kind === 'Secret'),
      "the chart's Secret goes through onObjects like any loaded object (the redactor registers it)",
    );
  });

  it('gives every rendered object the HelmChart document and its template as its source', async () => {
    const objects = await loadManifests({ workspace: fixtures, paths: ['deploy'], exclude: [], logger: new RecordingLogger() });
    const deployment = objects.find((o) => o.object.kind === 'Deployment');
    assert.equal(deployment && formatLocation(deployment.source), 'deploy/shop.yaml:2 → shop/templates/deployment.yaml');
    const crd = objects.find((o) => o.object.kind === 'CustomResourceDefinition');
    assert.equal(crd && viaPath(crd.source, 'template'), 'shop/crds/widgets.yaml');
  });

  it('puts namespaced objects in the release namespace and leaves cluster-scoped ones without one', async () => {
    const objects = await loadManifests({ workspace: fixtures, paths: ['deploy'], exclude: [], logger: new RecordingLogger() });
    for (const kind of ['Deployment', 'ConfigMap', 'Secret']) assert.equal(byName(objects, kind)?.metadata.namespace, 'shop', kind);
    for (const kind of ['ClusterRole', 'CustomResourceDefinition']) assert.equal(byName(objects, kind)?.metadata.namespace, undefined, kind);
    assert.equal(byName(objects, 'ClusterRole')?.metadata.name, 'shop-shop-reader', '.Release.Namespace is the release namespace');
  });

  it('takes the release namespace from the namespace input when the HelmChart has none, and leaves out crds/ when includeCRDs is false', async () => {
    const dir = workspace(helmChart('  chart: ../shop\n  includeCRDs: false\n', '  name: store\n'));
    const objects = await loadManifests({ workspace: dir, paths: ['deploy'], exclude: [], logger: new RecordingLogger(), namespace: 'apps' });
    assert.equal(byName(objects, 'Deployment')?.metadata.name, 'store-web', 'the release name is metadata.name');
    assert.equal(byName(objects, 'Deployment')?.metadata.namespace, 'apps');
    assert.equal(byName(objects, 'CustomResourceDefinition'), undefined);
  });

  it('fails naming the HelmChart document when the chart directory does not exist', async () => {
    const dir = workspace(helmChart('  chart: ../nothing-here\n'));
    assert.deepEqual(await problemsOf(dir), ["deploy/shop.yaml:2: HelmChart/shop: the chart 'nothing-here' does not exist"]);
  });

  it('fails when the chart directory has no Chart.yaml', async () => {
    const dir = workspace(helmChart('  chart: ../values\n'));
    assert.deepEqual(await problemsOf(dir), ["deploy/shop.yaml:2: HelmChart/shop: 'values' is not a chart directory: it has no Chart.yaml"]);
  });

  it('fails naming an unknown values file', async () => {
    const dir = workspace(helmChart('  chart: ../shop\n  valuesFiles: [../values/staging.yaml]\n'));
    assert.deepEqual(await problemsOf(dir), ["deploy/shop.yaml:2: HelmChart/shop: the values file 'values/staging.yaml' does not exist"]);
  });

  it('refuses a chart outside the workspace', async () => {
    const dir = workspace(helmChart('  chart: ../../../etc\n'));
    assert.deepEqual(await problemsOf(dir), [
      "deploy/shop.yaml:2: HelmChart/shop: the chart '../../etc' is outside the workspace: only charts and values files inside the workspace are read",
    ]);
  });

  it("fails with helm's template error, its template file and line, and no absolute path", async () => {
    const dir = workspace(helmChart('  chart: ../broken\n'));
    const problems = await problemsOf(dir);
    assert.equal(problems.length, 1);
    assert.match(
      problems[0] ?? '',
      /^deploy\/shop\.yaml:2: HelmChart\/shop: helm template failed: template: broken\/templates\/configmap\.yaml:6:18: .*nil pointer evaluating interface \{\}\.size$/,
    );
    assert.ok(!(problems[0] ?? '').includes(dir), 'no absolute path');
    assert.ok(!(problems[0] ?? '').includes('--debug'));
  });

  it('hides the values it was given (inline and from values files) when a template quotes them in its error', async () => {
    const dir = workspaceWith(helmChart('  chart: ../failing\n  values: {db: {password: inline-db-passw0rd}}\n  valuesFiles: [../values/token.yaml]\n'));
    writeFileSync(path.join(dir, 'values/token.yaml'), 'token: values-file-t0ken\n');
    const problems = await problemsOf(dir);
    assert.equal(problems.length, 1);
    assert.match(problems[0] ?? '', /helm template failed: .*the password \(value hidden\) is not the expected one; the token \(value hidden\) neither/);
    for (const value of ['inline-db-passw0rd', 'values-file-t0ken']) assert.ok(!(problems[0] ?? '').includes(value), problems[0]);
  });

  it('fails with a clear error when helm is not on PATH', async () => {
    const dir = workspace(helmChart('  chart: ../shop\n'));
    const saved = process.env.PATH;
    process.env.PATH = path.join(dir, 'no-bin');
    try {
      assert.deepEqual(await problemsOf(dir), [
        "deploy/shop.yaml:2: HelmChart/shop: the helm CLI is not on PATH: install Helm 3.21 or later (GitHub's Ubuntu runners have it) or put its directory on PATH",
      ]);
    } finally {
      process.env.PATH = saved;
    }
  });

  it('fails on a spec without a chart, naming the field', async () => {
    const dir = workspace(helmChart('  values: {a: 1}\n'));
    assert.deepEqual(await problemsOf(dir), [
      'deploy/shop.yaml:2: HelmChart/shop: spec.chart must be a chart directory relative to this file, a chart name with spec.repo, or oci://host/path/name',
    ]);
  });
});

describe('HelmChart documents rendered with Capabilities', () => {
  let restorePath: () => void = () => undefined;
  let dir = '';
  before(async () => {
    restorePath = await withHelmOnPath();
    dir = workspaceWith(helmChart('  chart: ../gated\n'));
  });
  after(() => {
    restorePath();
    rmSync(dir, { recursive: true, force: true });
  });

  it("passes the cluster's Kubernetes version and API versions, so an object gated on a CRD's group renders", async () => {
    const capabilities = { kubeVersion: 'v1.31.2', apiVersions: ['shop.example.com/v1', 'shop.example.com/v1/Widget'] };
    const objects = await loadManifests({
      workspace: dir,
      paths: ['deploy'],
      exclude: [],
      logger: new RecordingLogger(),
      capabilities: () => Promise.resolve(capabilities),
    });
    assert.deepEqual(byName(objects, 'ConfigMap')?.data, { kubeVersion: 'v1.31.2' });
    assert.equal(byName(objects, 'Widget')?.metadata.namespace, 'shop');
  });

  it("renders with helm's built-in Capabilities without a cluster, and says so", async () => {
    const logger = new RecordingLogger();
    const objects = await loadManifests({ workspace: dir, paths: ['deploy'], exclude: [], logger });
    assert.equal(byName(objects, 'Widget'), undefined, 'the gated object is left out');
    assert.ok(logger.messages().some((m) => /built-in Capabilities \(no cluster to ask\)/.test(m)));
  });
});

describe('HelmChart documents: chart sources, pins and Capabilities fields', () => {
  const inWorkspace = helmSuite();
  const workspace = (spec: string) => inWorkspace(helmChart(spec));
  const load = (spec: string) => loadManifests({ workspace: workspace(spec), paths: ['deploy'], exclude: [], logger: new RecordingLogger() });

  for (const range of ['^1.2', '~1', "'>=1'", '1.x', "'*'", '1.2', "'1.2.3 || 1.3.0'"]) {
    it(`refuses the version range ${range} of a repository chart, naming the HelmChart document`, async () => {
      const shown = range.replace(/^'|'$/g, '');
      assert.deepEqual(await problemsOf(workspace(`  repo: https://charts.example.com\n  chart: shop\n  version: ${range}\n`)), [
        `deploy/shop.yaml:2: HelmChart/shop: spec.version '${shown}' is a range or not a whole version: a review must show the exact chart that will be deployed, so pin one, such as 1.2.3 (quoted if YAML would read it as a number)`,
      ]);
    });
  }

  it('requires a version for repository and OCI charts, and refuses one for a local chart', async () => {
    const required =
      'deploy/shop.yaml:2: HelmChart/shop: spec.version is required for a chart from a repository or registry: pin the exact version to deploy, such as 1.2.3';
    assert.deepEqual(await problemsOf(workspace('  repo: https://charts.example.com\n  chart: shop\n')), [required]);
    assert.deepEqual(await problemsOf(workspace('  chart: oci://registry.example.com/charts/shop\n')), [required]);
    assert.deepEqual(await problemsOf(workspace('  chart: ../shop\n  version: 0.1.0\n')), [
      "deploy/shop.yaml:2: HelmChart/shop: spec.version is only for charts from a repository or registry: a local chart's version is in its Chart.yaml",
    ]);
  });

  it('refuses credentials in a repository URL or an OCI reference, a tag in the reference, and plainHTTP for a chart repository', async () => {
    assert.deepEqual(await problemsOf(workspace('  repo: https://user:s3cret-token@charts.example.com\n  chart: shop\n  version: 1.0.0\n')), [
      'deploy/shop.yaml:2: HelmChart/shop: spec.repo must not hold credentials: log in with `helm repo add` in a step before this one (see the README)',
    ]);
    assert.deepEqual(await problemsOf(workspace('  chart: oci://user:pw@registry.example.com/charts/shop\n  version: 1.0.0\n')), [
      'deploy/shop.yaml:2: HelmChart/shop: spec.chart must not hold credentials: log in with `helm registry login` in a step before this one (see the README)',
    ]);
    assert.deepEqual(await problemsOf(workspace('  chart: oci://registry.example.com/charts/shop:1.0.0\n  version: 1.0.0\n')), [
      "deploy/shop.yaml:2: HelmChart/shop: spec.chart 'oci://registry.example.com/charts/shop:1.0.0' must not carry a tag or digest: give the version in spec.version",
    ]);
    assert.deepEqual(await problemsOf(workspace('  repo: http://charts.example.com\n  chart: shop\n  version: 1.0.0\n  plainHTTP: true\n')), [
      'deploy/shop.yaml:2: HelmChart/shop: spec.plainHTTP is only for charts in an OCI registry (oci://…); a chart repository says http:// in spec.repo',
    ]);
    assert.deepEqual(await problemsOf(workspace('  repo: oci://registry.example.com/charts\n  chart: shop\n  version: 1.0.0\n')), [
      'deploy/shop.yaml:2: HelmChart/shop: spec.repo cannot be an OCI registry: write the chart as spec.chart: oci://host/path/name',
    ]);
  });

  it('renders with spec.kubeVersion and spec.apiVersions over helm’s built-in Capabilities', async () => {
    const objects = await load(
      '  chart: ../gated-group\n  kubeVersion: v1.30.4\n  apiVersions: [monitoring.example.com/v1]\n  values: {apiVersion: monitoring.example.com/v1}\n',
    );
    assert.deepEqual(objects.map((o) => o.object.metadata.name).sort(), ['shop-always', 'shop-monitor']);
    assert.deepEqual(objects.find((o) => o.object.metadata.name === 'shop-always')?.object.data, { kubeVersion: 'v1.30.4' });
    const without = await load('  chart: ../gated-group\n  values: {apiVersion: monitoring.example.com/v1}\n');
    assert.deepEqual(
      without.map((o) => o.object.metadata.name),
      ['shop-always'],
    );
  });

  it('adds spec.apiVersions to the live Capabilities, and spec.kubeVersion wins over the live version', async () => {
    const objects = await loadManifests({
      workspace: workspace(
        '  chart: ../gated-group\n  kubeVersion: v1.29.0\n  apiVersions: [extra.example.com/v1]\n  values: {apiVersion: extra.example.com/v1}\n',
      ),
      paths: ['deploy'],
      exclude: [],
      logger: new RecordingLogger(),
      capabilities: () => Promise.resolve({ kubeVersion: 'v1.36.3', apiVersions: ['v1', 'apps/v1'] }),
    });
    assert.deepEqual(objects.map((o) => o.object.metadata.name).sort(), ['shop-always', 'shop-monitor']);
    assert.deepEqual(objects.find((o) => o.object.metadata.name === 'shop-always')?.object.data, { kubeVersion: 'v1.29.0' });
    assert.deepEqual(objects[0]?.chart?.capabilities, { kubeVersion: 'v1.36.3', apiVersions: ['v1', 'apps/v1'] }, 'the load’s Capabilities are recorded');
  });

  it('refuses a kubeVersion or apiVersions that are not versions', async () => {
    assert.deepEqual(await problemsOf(workspace('  chart: ../shop\n  kubeVersion: latest\n')), [
      "deploy/shop.yaml:2: HelmChart/shop: spec.kubeVersion must be a Kubernetes version such as v1.31.0 (or left out for the live cluster's)",
    ]);
    assert.deepEqual(await problemsOf(workspace('  chart: ../shop\n  apiVersions: monitoring.coreos.com/v1\n')), [
      'deploy/shop.yaml:2: HelmChart/shop: spec.apiVersions must be a list of API versions such as monitoring.coreos.com/v1 or monitoring.coreos.com/v1/ServiceMonitor',
    ]);
  });

  it('names the fields that differ between two renders (randAlphaNum), in a ConfigMap and a Secret, and none once values set them', async () => {
    const objects = await load('  chart: ../random\n');
    const paths = Object.fromEntries(objects.map((o) => [o.object.kind, o.chart?.nonDeterministic]));
    assert.deepEqual(paths, { ConfigMap: [['data', 'sessionKey']], Secret: [['stringData', 'password']] });
    assert.equal(objects[0]?.chart?.helmVersion.startsWith('v3.'), true, objects[0]?.chart?.helmVersion);
    const pinned = await load('  chart: ../random\n  values: {sessionKey: fixed-session, password: fixed-password}\n');
    assert.deepEqual(
      pinned.map((o) => o.chart?.nonDeterministic),
      [[], []],
    );
  });
});
