// verify-commits: keys vouches for a commit, and the load reads files: every file the load read
// must be the signed commit's, not only those under `path`. Each test signs a commit with a real
// SSH key, lets "an earlier step" change a file the load reads outside what `git status -- <path>`
// sees, and checks the gate refuses after the load (real git, ssh-keygen, kubectl kustomize, helm),
// naming the file; a clean checkout passes.
import assert from 'node:assert/strict';
import { rmSync, symlinkSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { RecordingLogger } from '../../../src/model/logger.js';
import { loadDesiredState } from '../../../src/load/manifest-loader.js';
import { ApplyRefusedError } from '../../../src/model/apply-refused.js';
import { parseAllowedSigners } from '../../../src/signing/allowed-signers.js';
import { commitGate } from '../../../src/signing/commit-gate.js';
import type { SigningPolicy } from '../../../src/signing/signing-policy.js';
import { chartPackageDir, packageCharts, startChartRepository } from '../../support/chart-repository.js';
import { withHelmOnPath } from '../../support/helm-binary.js';
import { GitRepo } from '../../support/git-repo.js';
import { SigningKeys, signedCommit, type SshSigningKey } from '../../support/signing-keys.js';

const fixtures = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../fixtures/charts');
const configMap = (name: string, value: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  value: "${value}"\n`;
const CHART_TEMPLATE = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  replicas: {{ .Values.replicas | quote }}\n';
const HELM_CHART =
  'apiVersion: kube-gitops.io/v1alpha1\nkind: HelmChart\nmetadata:\n  name: app\n  namespace: apps\nspec:\n  chart: ../charts/app\n  valuesFiles: [../values/prod.yaml]\n';

describe('the signature gate covers every file the load read', () => {
  const keys = new SigningKeys();
  const tempRoot = mkdtempSync(path.join(os.tmpdir(), 'kube-gitops-signed-reads-'));
  const repos: GitRepo[] = [];
  let dev: SshSigningKey;
  let restorePath: () => void = () => undefined;

  before(async () => {
    dev = keys.ssh('dev');
    restorePath = await withHelmOnPath();
  });
  after(() => {
    restorePath();
    for (const r of repos) r.cleanup();
    keys.cleanup();
    rmSync(tempRoot, { recursive: true, force: true });
  });

  /** A repository with `files` committed and signed by an allowed key; returns it and the commit. */
  function signedRepo(files: Record<string, string>, links: Record<string, string> = {}): { r: GitRepo; sha: string } {
    const r = new GitRepo();
    repos.push(r);
    for (const [file, text] of Object.entries(files)) r.write(file, text);
    for (const [link, target] of Object.entries(links)) symlinkSync(target, path.join(r.dir, link));
    return { r, sha: signedCommit(r, 'signed', dev) };
  }

  /** Runs the gate as an apply does: before the load, the load, after the load. Returns the refusal's message, or undefined. */
  async function gateRun(r: GitRepo, sha: string, paths: string[]): Promise<string | undefined> {
    const policy: SigningPolicy = {
      mode: 'keys',
      allowedSigners: parseAllowedSigners(dev.allowedLine('dev@example.com'), 'allowed-signers'),
      trustWebFlow: false,
      sinceLive: false,
    };
    const logger = new RecordingLogger();
    const gate = commitGate(policy, { workspace: r.dir, commit: sha, paths, tempRoot, logger });
    assert.ok(gate);
    await gate.beforeLoad(); // what it checked before: nothing under the paths differs, and the commit is signed
    const { reads } = await loadDesiredState({ workspace: r.dir, paths, exclude: [], logger });
    try {
      await gate.afterLoad(reads);
      return undefined;
    } catch (error) {
      assert.ok(error instanceof ApplyRefusedError, String(error));
      return error.message;
    }
  }

  it('refuses a kustomize base outside the path changed after signing, naming it', async () => {
    const { r, sha } = signedRepo({
      'base/kustomization.yaml': 'resources: [cm.yaml]\n',
      'base/cm.yaml': configMap('base', 'signed'),
      'overlays/prod/kustomization.yaml': 'resources: [../../base]\nnamePrefix: prod-\n',
    });
    r.write('base/cm.yaml', configMap('base', 'changed by an earlier step'));
    const refused = await gateRun(r, sha, ['overlays/prod']);
    assert.match(
      refused ?? 'passed',
      new RegExp(`^Refusing to apply ${sha.slice(0, 7)}: 'base/cm\\.yaml', which the load read, is not the verified commit ${sha.slice(0, 7)}'s \\(changed\\)`),
    );
  });

  it("refuses a chart's values file outside the path changed after signing", async () => {
    const { r, sha } = signedRepo({
      'deploy/app.yaml': HELM_CHART,
      'charts/app/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 0.1.0\n',
      'charts/app/templates/cm.yaml': CHART_TEMPLATE,
      'values/prod.yaml': 'replicas: 2\n',
    });
    r.write('values/prod.yaml', 'replicas: 99\n');
    assert.match(
      (await gateRun(r, sha, ['deploy'])) ?? 'passed',
      /'values\/prod\.yaml', which the load read, is not the verified commit [0-9a-f]{7}'s \(changed\)/,
    );
  });

  it('refuses an untracked template in a chart directory, and a changed template', async () => {
    const files = {
      'deploy/app.yaml': HELM_CHART,
      'charts/app/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 0.1.0\n',
      'charts/app/templates/cm.yaml': CHART_TEMPLATE,
      'values/prod.yaml': 'replicas: 2\n',
    };
    const untracked = signedRepo(files);
    untracked.r.write('charts/app/templates/extra.yaml', configMap('extra', 'unsigned'));
    assert.match(
      (await gateRun(untracked.r, untracked.sha, ['deploy'])) ?? 'passed',
      /'charts\/app\/templates\/extra\.yaml', which the load read, is not .* \(untracked\)/,
    );
    const changed = signedRepo(files);
    changed.r.write('charts/app/templates/cm.yaml', `${CHART_TEMPLATE}  extra: "1"\n`);
    assert.match(
      (await gateRun(changed.r, changed.sha, ['deploy'])) ?? 'passed',
      /'charts\/app\/templates\/cm\.yaml', which the load read, is not .* \(changed\)/,
    );
  });

  it('refuses the changed target of a committed symlink under the path', async () => {
    const { r, sha } = signedRepo({ 'shared/cm.yaml': configMap('shared', 'signed'), 'deploy/.keep': '' }, { 'deploy/cm.yaml': '../shared/cm.yaml' });
    r.write('shared/cm.yaml', configMap('shared', 'changed'));
    assert.match((await gateRun(r, sha, ['deploy'])) ?? 'passed', /'shared\/cm\.yaml', which the load read, is not .* \(changed\)/);
  });

  it('refuses a file matched by a brace glob in the path (git pathspecs do not expand braces)', async () => {
    const { r, sha } = signedRepo({ 'apps/a.yaml': configMap('a', 'signed'), 'infra/b.yaml': configMap('b', 'signed') });
    r.write('infra/b.yaml', configMap('b', 'changed'));
    assert.match((await gateRun(r, sha, ['{apps,infra}/*.yaml'])) ?? 'passed', /'infra\/b\.yaml', which the load read, is not .* \(changed\)/);
  });

  it('refuses a change hidden from git status by assume-unchanged', async () => {
    const { r, sha } = signedRepo({ 'deploy/cm.yaml': configMap('cm', 'signed') });
    r.git('update-index', '--assume-unchanged', 'deploy/cm.yaml');
    r.write('deploy/cm.yaml', configMap('cm', 'hidden'));
    assert.match((await gateRun(r, sha, ['deploy'])) ?? 'passed', /'deploy\/cm\.yaml', which the load read, is not .* \(marked assume-unchanged/);
  });

  it('refuses a committed link into .git, whose target git never reports, as not tracked', async () => {
    const { r, sha } = signedRepo({ 'deploy/.keep': '' }, { 'deploy/cm.yaml': '../.git/info/cm.yaml' });
    r.write('.git/info/cm.yaml', configMap('cm', 'written by an earlier step'));
    assert.match((await gateRun(r, sha, ['deploy'])) ?? 'passed', /'\.git\/info\/cm\.yaml', which the load read, is not .* \(not tracked by git\)/);
  });

  it('passes a chart kustomize pulls into the chart home during the load, and refuses one an earlier step put there', async () => {
    const packages = chartPackageDir();
    await packageCharts([path.join(fixtures, 'greeter')], packages.dir);
    const repository = await startChartRepository(packages.dir);
    try {
      // The chart home is the base's (base/charts), outside the path: only the read set covers it.
      const files = {
        'base/kustomization.yaml': `helmCharts:\n  - name: greeter\n    repo: ${repository.url}\n    version: 0.2.0\n    releaseName: hello\n`,
        'overlays/prod/kustomization.yaml': 'resources: [../../base]\n',
      };
      const pulled = signedRepo(files);
      assert.equal(await gateRun(pulled.r, pulled.sha, ['overlays/prod']), undefined);
      const untracked = pulled.r.git('status', '--porcelain', '--untracked-files=all').split('\n');
      const where = untracked.map((l) => l.slice(3)).find((f) => f.endsWith('templates/configmap.yaml')) ?? '';
      assert.ok(where.startsWith('base/charts/'), `kustomize pulled the chart into the chart home: ${untracked.join(', ')}`);
      const planted = signedRepo(files);
      planted.r.write(where, configMap('planted', 'by an earlier step'));
      const chartDir = path.posix.dirname(path.posix.dirname(where));
      planted.r.write(path.posix.join(chartDir, 'Chart.yaml'), 'apiVersion: v2\nname: greeter\nversion: 0.2.0\n');
      planted.r.write(path.posix.join(chartDir, 'values.yaml'), '{}\n');
      const refused = await gateRun(planted.r, planted.sha, ['overlays/prod']);
      assert.match(refused ?? 'passed', /'base\/charts\/.*', which the load read, is not the verified commit [0-9a-f]{7}'s \(untracked\)/);
    } finally {
      await repository.close();
      packages.remove();
    }
  });

  it('passes a clean checkout of the signed commit, kustomize bases, charts, values and links included', async () => {
    const { r, sha } = signedRepo(
      {
        'base/kustomization.yaml': 'resources: [cm.yaml]\n',
        'base/cm.yaml': configMap('base', 'signed'),
        'overlays/prod/kustomization.yaml': 'resources: [../../base]\nnamePrefix: prod-\n',
        'deploy/app.yaml': HELM_CHART,
        'charts/app/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 0.1.0\n',
        'charts/app/templates/cm.yaml': CHART_TEMPLATE,
        'values/prod.yaml': 'replicas: 2\n',
        'shared/cm.yaml': configMap('shared', 'signed'),
      },
      { 'deploy/shared.yaml': '../shared/cm.yaml' },
    );
    r.write('unrelated/notes.txt', 'an untracked file nothing reads\n');
    assert.equal(await gateRun(r, sha, ['overlays/prod', 'deploy']), undefined);
  });
});
