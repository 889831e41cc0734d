// A local chart whose dependencies charts/ lacks, with Chart.lock committed: `helm dependency
// build` resolves a repository URL only through helm's repositories.yaml, so on a fresh runner (no
// `helm repo add`) it used to fail. It now builds in a temporary helm home holding a copy of the
// user's repositories (private ones keep their credentials) and the chart's own repositories. Real
// helm, chart repositories on 127.0.0.1; the user's helm configuration is left as it was.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ManifestError } from '../../src/model/errors.js';
import { RecordingLogger } from '../../src/model/logger.js';
import { loadManifests } from '../../src/load/manifest-loader.js';
import type { DesiredObject } from '../../src/objects/desired-object.js';
import { formatProblem } from '../../src/model/problem.js';
import { chartPackageDir, helm, isolatedHelmHome, packageCharts, startChartRepository, type ChartRepository } from '../support/chart-repository.js';
import { localCheckoutCommit } from '../../src/git/commit-checkout.js';
import { SecretRedactor } from '../../src/redaction/secret-redactor.js';
import { loadBase } from '../../src/run/git-fallback-plan.js';
import { readSettings } from '../../src/settings/read-settings.js';
import { GitRepo } from '../support/git-repo.js';
import { withHelmOnPath } from '../support/helm-binary.js';

const fixtures = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../fixtures/charts');
const HELM_CHART =
  'apiVersion: kube-gitops.io/v1alpha1\nkind: HelmChart\nmetadata:\n  name: hello\n  namespace: greetings\nspec:\n  chart: ../with-dep\n  values: {greeter: {greeting: from the parent}}\n';
const PASSWORD = 'dependency-repo-passw0rd';

describe('chart dependencies from repositories never added with `helm repo add`, with Chart.lock committed', () => {
  const cleanups: (() => void | Promise<void>)[] = [];
  let open: ChartRepository;
  let guarded: ChartRepository;

  before(async () => {
    cleanups.push(await withHelmOnPath(), isolatedHelmHome());
    // One directory each: `helm repo index` writes the serving URL into its index.yaml.
    const [openDir, guardedDir] = [chartPackageDir(), chartPackageDir()];
    cleanups.push(openDir.remove, guardedDir.remove);
    await packageCharts([path.join(fixtures, 'greeter')], openDir.dir);
    await packageCharts([path.join(fixtures, 'greeter')], guardedDir.dir);
    open = await startChartRepository(openDir.dir);
    guarded = await startChartRepository(guardedDir.dir, { username: 'reader', password: PASSWORD });
    cleanups.push(
      () => open.close(),
      () => guarded.close(),
    );
  });
  after(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  /** A workspace whose with-dep chart depends on greeter at `repository`, with the Chart.lock `helm dependency update` writes. */
  async function workspace(repository: string, lockedFrom: string = repository): Promise<string> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kube-gitops-helm-deps-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    cpSync(fixtures, dir, { recursive: true });
    writeFileSync(path.join(dir, 'deploy', 'shop.yaml'), HELM_CHART);
    const chartFile = path.join(dir, 'with-dep', 'Chart.yaml');
    const scratch = mkdtempSync(path.join(os.tmpdir(), 'kube-gitops-helm-lock-'));
    cleanups.push(() => rmSync(scratch, { recursive: true, force: true }));
    cpSync(path.join(dir, 'with-dep'), scratch, { recursive: true });
    writeFileSync(path.join(scratch, 'Chart.yaml'), readFileSync(chartFile, 'utf8').replace('REPOSITORY_URL', lockedFrom));
    await helm(['dependency', 'update', scratch]);
    cpSync(path.join(scratch, 'Chart.lock'), path.join(dir, 'with-dep', 'Chart.lock'));
    writeFileSync(chartFile, readFileSync(chartFile, 'utf8').replace('REPOSITORY_URL', repository));
    return dir;
  }
  const load = (dir: string, logger = new RecordingLogger()): Promise<DesiredObject[]> =>
    loadManifests({ workspace: dir, paths: ['deploy'], exclude: [], logger, namespace: 'apps' });
  const greeting = (objects: readonly DesiredObject[]) => objects.find((o) => o.object.metadata.name === 'hello-greeter')?.object.data;
  const repositories = () => helm(['repo', 'list', '--output', 'json']).catch(() => 'none');

  it('builds them from a public repository, adding it only to a temporary helm home', async () => {
    const dir = await workspace(open.url);
    const before = await repositories();
    assert.deepEqual(greeting(await load(dir)), { greeting: 'from the parent', chartVersion: '0.2.0' });
    assert.equal(await repositories(), before, "the user's repositories are left as they were");
    assert.ok(!existsSync(path.join(dir, 'with-dep', 'charts')), 'nothing is built in the workspace');
  });

  it("builds them from a private repository through the user's `helm repo add` (by URL and by @name), the password in no message", async () => {
    await helm(['repo', 'add', 'private-deps', guarded.url, '--username', 'reader', '--password', PASSWORD]);
    const logger = new RecordingLogger();
    assert.deepEqual(greeting(await load(await workspace(guarded.url), logger)), { greeting: 'from the parent', chartVersion: '0.2.0' });
    assert.deepEqual(greeting(await load(await workspace('"@private-deps"', guarded.url), logger)), { greeting: 'from the parent', chartVersion: '0.2.0' });
    assert.ok(!logger.messages().join('\n').includes(PASSWORD));
  });

  it('names the repository that cannot be reached, with no temporary path', async () => {
    const dir = await workspace(open.url);
    const chartFile = path.join(dir, 'with-dep', 'Chart.yaml');
    writeFileSync(chartFile, readFileSync(chartFile, 'utf8').replace(open.url, 'http://127.0.0.1:1'));
    rmSync(path.join(dir, 'with-dep', 'Chart.lock'));
    const problems = await load(dir).then(
      () => assert.fail('the load succeeded'),
      (e: unknown) => (e instanceof ManifestError ? e.problems.map(formatProblem) : assert.fail(String(e))),
    );
    assert.equal(problems.length, 1);
    assert.match(
      problems[0] ?? '',
      /^deploy\/shop\.yaml:1: HelmChart\/hello: the chart's dependencies could not be fetched: the chart repository "http:\/\/127\.0\.0\.1:1" cannot be reached \(`helm repo add`\): .*"http:\/\/127\.0\.0\.1:1".*connection refused/,
    );
    assert.ok(!(problems[0] ?? '').includes(os.tmpdir()), problems[0]);
  });

  it("renders the base commit's chart with dependencies fetched for it, not the ones built and git-ignored in the workspace", async () => {
    const dir = await workspace(open.url);
    const repo = new GitRepo();
    cleanups.push(() => rmSync(repo.dir, { recursive: true, force: true }));
    cpSync(dir, repo.dir, { recursive: true });
    repo.write('.gitignore', 'charts/\n');
    const base = repo.commit('the chart, its Chart.lock, and charts/ ignored');
    // A dependency built in the workspace (ignored by git) that says something else.
    cpSync(path.join(fixtures, 'greeter'), path.join(repo.dir, 'with-dep', 'charts', 'greeter'), { recursive: true });
    const values = path.join(repo.dir, 'with-dep', 'charts', 'greeter', 'templates', 'configmap.yaml');
    writeFileSync(values, readFileSync(values, 'utf8').replace('.Values.greeting', '"built in the workspace"'));
    const inputs: Record<string, string> = { path: 'deploy', namespace: 'apps' };
    const settings = readSettings((name) => inputs[name] ?? '', { GITHUB_WORKSPACE: repo.dir });
    const logger = new RecordingLogger();
    const deps = { logger, redactor: new SecretRedactor(), fallback: { checkout: localCheckoutCommit } };
    const objects = await loadBase(settings, base, deps, 'comparing against nothing');
    assert.deepEqual(objects && greeting(objects), { greeting: 'from the parent', chartVersion: '0.2.0' }, logger.messages().join('\n'));
    assert.deepEqual(greeting(await load(repo.dir)), { greeting: 'built in the workspace', chartVersion: '0.2.0' }, 'the head uses the built one');
  });
});
