// HelmChart documents whose chart is fetched: from a classic HTTP chart repository on 127.0.0.1
// (public, and behind basic auth through a `helm repo add` made before the load), from an OCI
// registry on 127.0.0.1 (plain HTTP, said by spec.plainHTTP), and a local chart whose dependency
// charts/ lacks. Real helm, real servers; nothing is written into the workspace.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ManifestError } from '../../src/model/errors.js';
import { RecordingLogger } from '../../src/model/logger.js';
import { loadManifests } from '../../src/load/manifest-loader.js';
import type { DesiredObject } from '../../src/objects/desired-object.js';
import { formatLocation, formatProblem } from '../../src/model/problem.js';
import {
  chartPackageDir,
  helm,
  isolatedHelmHome,
  packageCharts,
  pushChart,
  startChartRepository,
  startOciRegistry,
  type ChartRepository,
  type OciRegistry,
} from '../support/chart-repository.js';
import { withHelmOnPath } from '../support/helm-binary.js';
import { viaPath } from '../../src/objects/source-location.js';

const fixtures = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../fixtures/charts');

function helmChart(spec: string): string {
  return `# fetched chart\napiVersion: kube-gitops.io/v1alpha1\nkind: HelmChart\nmetadata:\n  name: hello\n  namespace: greetings\nspec:\n${spec}`;
}

describe('HelmChart documents with charts from a chart repository, an OCI registry and dependencies', () => {
  const cleanups: (() => void | Promise<void>)[] = [];
  let repo: ChartRepository;
  let registry: OciRegistry;
  let archive = '';

  before(async () => {
    cleanups.push(await withHelmOnPath(), isolatedHelmHome());
    const packages = chartPackageDir();
    cleanups.push(packages.remove);
    await packageCharts([path.join(fixtures, 'greeter')], packages.dir);
    archive = path.join(packages.dir, 'greeter-0.2.0.tgz');
    repo = await startChartRepository(packages.dir);
    registry = await startOciRegistry();
    cleanups.push(
      () => repo.close(),
      () => registry.close(),
    );
    await pushChart(archive, registry, 'charts');
  });
  after(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  function workspace(doc: string): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kube-gitops-helm-src-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    cpSync(fixtures, dir, { recursive: true });
    writeFileSync(path.join(dir, 'deploy', 'shop.yaml'), doc);
    return dir;
  }
  const load = (dir: string, logger = new RecordingLogger()): Promise<DesiredObject[]> =>
    loadManifests({ workspace: dir, paths: ['deploy'], exclude: [], logger, namespace: 'apps' });

  async function problemsOf(dir: string): Promise<string[]> {
    try {
      await load(dir);
    } catch (error) {
      if (error instanceof ManifestError) return error.problems.map(formatProblem);
      throw error;
    }
    assert.fail('the load succeeded');
  }

  const greeter = (objects: readonly DesiredObject[]) => objects.find((o) => o.object.metadata.name === 'hello-greeter');
  const templateOf = (d: DesiredObject | undefined) => d && viaPath(d.source, 'template');

  it('renders a chart from a classic HTTP chart repository at the pinned version, its source the HelmChart document and the template', async () => {
    const objects = await load(workspace(helmChart(`  repo: ${repo.url}/\n  chart: greeter\n  version: 0.2.0\n  values: {greeting: hi}\n`)));
    const cm = greeter(objects);
    assert.deepEqual(cm?.object.data, { greeting: 'hi', chartVersion: '0.2.0' });
    assert.equal(cm?.object.metadata.namespace, 'greetings');
    assert.equal(cm && formatLocation(cm.source), 'deploy/shop.yaml:2 → greeter/templates/configmap.yaml');
    assert.ok(repo.requests.includes('GET /greeter-0.2.0.tgz 200'), repo.requests.join('\n'));
  });

  it('renders a chart pushed to an OCI registry, over plain HTTP as spec.plainHTTP says', async () => {
    const objects = await load(workspace(helmChart(`  chart: oci://${registry.host}/charts/greeter\n  version: 0.2.0\n  plainHTTP: true\n`)));
    assert.deepEqual(greeter(objects)?.object.data, { greeting: 'hello from the greeter chart', chartVersion: '0.2.0' });
    assert.equal(templateOf(greeter(objects)), 'greeter/templates/configmap.yaml');
    const absent = await problemsOf(workspace(helmChart(`  chart: oci://${registry.host}/charts/nothing\n  version: 0.2.0\n  plainHTTP: true\n`)));
    assert.equal(absent.length, 1);
    assert.match(
      absent[0] ?? '',
      /^deploy\/shop\.yaml:2: HelmChart\/hello: the chart oci:\/\/127\.0\.0\.1:\d+\/charts\/nothing:0\.2\.0 could not be fetched \(`helm pull`\): .*not found/,
    );
  });

  it('fails naming the HelmChart document when the version is not in the repository, or the repository cannot be reached', async () => {
    const missing = await problemsOf(workspace(helmChart(`  repo: ${repo.url}\n  chart: greeter\n  version: 0.9.9\n`)));
    assert.deepEqual(missing, [
      `deploy/shop.yaml:2: HelmChart/hello: the chart greeter 0.9.9 from ${repo.url} could not be fetched (\`helm pull\`): chart "greeter" version "0.9.9" not found in ${repo.url} repository`,
    ]);
    const absent = await problemsOf(workspace(helmChart(`  repo: ${repo.url}\n  chart: nothing\n  version: 1.0.0\n`)));
    assert.match(
      absent[0] ?? '',
      /HelmChart\/hello: the chart nothing 1\.0\.0 from .* could not be fetched \(`helm pull`\): chart "nothing" version "1\.0\.0" not found/,
    );
    const unreachable = await problemsOf(workspace(helmChart('  repo: http://127.0.0.1:1\n  chart: greeter\n  version: 0.2.0\n')));
    assert.equal(unreachable.length, 1);
    assert.match(
      unreachable[0] ?? '',
      /^deploy\/shop\.yaml:2: HelmChart\/hello: the chart greeter 0\.2\.0 from http:\/\/127\.0\.0\.1:1 could not be fetched .*cannot be reached.*connection refused/,
    );
  });

  it('builds a dependency that charts/ lacks from the chart repository, in a temporary copy: the workspace is left as it was', async () => {
    const dir = workspace(helmChart('  chart: ../with-dep\n  values: {greeter: {greeting: from the parent}}\n'));
    const chartFile = path.join(dir, 'with-dep', 'Chart.yaml');
    writeFileSync(chartFile, readFileSync(chartFile, 'utf8').replace('REPOSITORY_URL', repo.url));
    const objects = await load(dir);
    assert.deepEqual(objects.map((o) => o.object.metadata.name).sort(), ['hello-greeter', 'hello-own']);
    assert.deepEqual(greeter(objects)?.object.data, { greeting: 'from the parent', chartVersion: '0.2.0' });
    assert.equal(templateOf(greeter(objects)), 'with-dep/charts/greeter/templates/configmap.yaml');
    assert.ok(!existsSync(path.join(dir, 'with-dep', 'charts')), 'no charts/ written into the workspace');
    assert.ok(!existsSync(path.join(dir, 'with-dep', 'Chart.lock')), 'no Chart.lock written into the workspace');

    writeFileSync(chartFile, readFileSync(chartFile, 'utf8').replace(repo.url, 'http://127.0.0.1:1'));
    const problems = await problemsOf(dir);
    assert.equal(problems.length, 1);
    assert.match(
      problems[0] ?? '',
      /^deploy\/shop\.yaml:2: HelmChart\/hello: the chart's dependencies could not be fetched: the chart repository "http:\/\/127\.0\.0\.1:1" cannot be reached \(`helm repo add`\): .*connection refused/,
    );
    assert.ok(!(problems[0] ?? '').includes(os.tmpdir()), 'no temporary path in the message');
  });

  it("builds a kustomization's helmCharts with --enable-helm and the helm on PATH, warning that kustomize leaves the chart's CRDs out by default", async () => {
    const dir = workspace(helmChart('  chart: ../greeter\n'));
    rmSync(path.join(dir, 'deploy'), { recursive: true });
    mkdirSync(path.join(dir, 'kz'));
    const kustomization = [
      'helmCharts:',
      '- name: greeter',
      `  repo: ${repo.url}`,
      '  version: 0.2.0',
      '  releaseName: hi',
      '  valuesInline: {greeting: from kustomize}',
      '',
    ];
    writeFileSync(path.join(dir, 'kz', 'kustomization.yaml'), kustomization.join('\n'));
    const logger = new RecordingLogger();
    const objects = await loadManifests({ workspace: dir, paths: ['kz'], exclude: [], logger });
    assert.deepEqual(objects.find((o) => o.object.metadata.name === 'hi-greeter')?.object.data, { greeting: 'from kustomize', chartVersion: '0.2.0' });
    const warning = logger.records.find((r) => r.level === 'warning');
    assert.equal(
      warning?.message,
      "The kustomization 'kz' inflates the chart 'greeter' without its CRDs: kustomize's helmCharts includeCRDs defaults to false (set includeCRDs: true to apply the chart's crds/)",
    );
    assert.deepEqual(warning?.location, { file: 'kz/kustomization.yaml', line: 1 });

    writeFileSync(path.join(dir, 'kz', 'kustomization.yaml'), [...kustomization.slice(0, -1), '  includeCRDs: true', ''].join('\n'));
    const quiet = new RecordingLogger();
    await loadManifests({ workspace: dir, paths: ['kz'], exclude: [], logger: quiet });
    assert.equal(quiet.records.filter((r) => r.level === 'warning').length, 0);

    const saved = process.env.PATH;
    process.env.PATH = path.dirname(execFileSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf8' }).trim());
    try {
      await assert.rejects(loadManifests({ workspace: dir, paths: ['kz'], exclude: [], logger: new RecordingLogger() }), (error: unknown) => {
        assert.ok(error instanceof ManifestError);
        assert.deepEqual(error.problems.map(formatProblem), [
          "kz/kustomization.yaml:1: kustomize build of 'kz' failed: it inflates helmCharts, which kustomize renders with the helm CLI, and helm is not on PATH: install Helm 3.21 or later (GitHub's Ubuntu runners have it) or put its directory on PATH",
        ]);
        return true;
      });
    } finally {
      process.env.PATH = saved;
    }
  });
});

describe('a HelmChart from a chart repository behind basic auth', () => {
  const cleanups: (() => void | Promise<void>)[] = [];
  let repo: ChartRepository;
  const password = 'repo-basic-auth-passw0rd';

  before(async () => {
    cleanups.push(await withHelmOnPath(), isolatedHelmHome());
    const packages = chartPackageDir();
    cleanups.push(packages.remove);
    await packageCharts([path.join(fixtures, 'greeter')], packages.dir);
    repo = await startChartRepository(packages.dir, { username: 'reader', password });
    cleanups.push(() => repo.close());
  });
  after(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it('is refused without credentials, and pulled with those of a `helm repo add` made before the load (HELM_* homes), which never reach a message', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kube-gitops-helm-auth-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    cpSync(fixtures, dir, { recursive: true });
    writeFileSync(path.join(dir, 'deploy', 'shop.yaml'), helmChart(`  repo: ${repo.url}\n  chart: greeter\n  version: 0.2.0\n`));
    const load = (logger: RecordingLogger) => loadManifests({ workspace: dir, paths: ['deploy'], exclude: [], logger });

    await assert.rejects(load(new RecordingLogger()), (error: unknown) => {
      assert.ok(error instanceof ManifestError);
      assert.match(error.problems.map(formatProblem).join('\n'), /HelmChart\/hello: the chart greeter 0\.2\.0 from .* could not be fetched .*401 Unauthorized/);
      return true;
    });

    // What a workflow step before ours does; helm keeps the password in HELM_CONFIG_HOME's repositories.yaml.
    await helm(['repo', 'add', 'private-charts', repo.url, '--username', 'reader', '--password', password]);
    const logger = new RecordingLogger();
    const objects = await load(logger);
    assert.deepEqual(objects.find((o) => o.object.kind === 'ConfigMap')?.object.data, { greeting: 'hello from the greeter chart', chartVersion: '0.2.0' });
    assert.ok(!logger.messages().join('\n').includes(password));
  });
});
