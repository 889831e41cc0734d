// `npx kube-gitops` as a user meets it: the package `npm pack` makes (what `npm publish` would upload)
// holds only what runs, installs with nothing to fetch (the bundle carries its dependencies) and its
// command plans against the local control plane. Offline: npm may not reach the registry here.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { GitRepo } from '../support/git-repo.js';
import { testCluster, uniqueName, type TestCluster } from '../support/test-cluster.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], cwd: string, env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('the packed command line (npm pack, then npx)', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'kube-gitops-pack-'));
  // This Node first on PATH: the package's bin runs on whatever `node` npx finds.
  const env = {
    PATH: `${path.dirname(process.execPath)}:${process.env.PATH ?? ''}`,
    HOME: work,
    npm_config_cache: path.join(work, 'npm-cache'),
    npm_config_update_notifier: 'false',
  };
  let tarball = '';
  let c: TestCluster;
  let repo: GitRepo;
  const npx = (args: string[], cwd: string) => run('npm', ['exec', '--yes', '--offline', `--package=${tarball}`, '--', 'kube-gitops', ...args], cwd, env);

  before(async () => {
    const packed = await run('npm', ['pack', '--json', '--pack-destination', work], root, env);
    assert.equal(packed.code, 0, packed.stderr);
    const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
    assert.ok(info);
    tarball = path.join(work, info.filename);
    c = await testCluster();
    repo = new GitRepo();
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('holds the command line bundle and its licenses, nothing of the sources, tests or the Action', async () => {
    const listed = await run('tar', ['-tzf', tarball], work, env);
    const files = listed.stdout.split('\n').filter(Boolean).sort();
    assert.deepEqual(
      files.filter((f) => f.startsWith('package/dist/')),
      ['package/dist/cli-main.js', 'package/dist/cli.js', 'package/dist/licenses.txt', 'package/dist/package.json'],
    );
    assert.deepEqual(
      files.filter((f) => /^package\/(src|test|bench|scripts|demo|node_modules)\//.test(f)),
      [],
    );
    const manifest = await run('tar', ['-xOzf', tarball, 'package/package.json'], work, env);
    const pkg = JSON.parse(manifest.stdout) as { private?: boolean; dependencies?: object; bin?: Record<string, string> };
    assert.equal(pkg.private, undefined, 'publishable');
    assert.equal(pkg.dependencies, undefined, 'nothing to install: the bundle carries its dependencies');
    assert.deepEqual(pkg.bin, { 'kube-gitops': 'dist/cli.js' });
  });

  it('runs `npx kube-gitops --help` from the package', async () => {
    const help = await npx(['--help'], work);
    assert.equal(help.code, 0, help.stderr);
    assert.match(help.stdout, /^Usage:\n {2}kube-gitops plan/m);
  });

  it('plans against the local control plane from the package, exit code 2 for changes, and writes nothing', async () => {
    const ns = uniqueName('packed');
    const kubeconfig = path.join(work, 'kubeconfig');
    writeFileSync(kubeconfig, c.kubeconfigText, { mode: 0o600 });
    repo.write(
      'deploy/app.yaml',
      `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: ${ns}\ndata:\n  mode: fast\n`,
    );
    repo.commit('first');
    const plan = await npx(
      ['plan', '--path', 'deploy', '--name', ns, '--namespace', ns, '--inventory-namespace', 'default', '--kubeconfig', kubeconfig, '--exit-code'],
      repo.dir,
    );
    assert.equal(plan.code, 2, plan.stdout + plan.stderr);
    assert.match(plan.stdout, new RegExp(`^kube-gitops plan for ${ns} at [0-9a-f]{7}\\n2 create, 0 update`));
    assert.equal((await c.kubectl(['get', 'configmap', 'settings', '-n', ns, '--ignore-not-found', '-o', 'name'])).trim(), '');
  });
});
