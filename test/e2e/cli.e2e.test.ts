// dist/cli.js run as people and CI scripts run it, against the local control plane: plan with the
// exit codes scripts expect, apply that refuses without a terminal or --yes, rebuilds from nothing
// with --yes, and never shows a Secret value or a stack trace.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { GitRepo } from '../support/git-repo.js';
import { runCliBundle } from '../support/run-cli.js';
import { testCluster, uniqueName, type TestCluster } from '../support/test-cluster.js';

const PASSWORD = 'cli-s3cret-passw0rd-value';

const manifests = (ns: string, image: string) => `apiVersion: v1
kind: Namespace
metadata:
  name: ${ns}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: ${ns}
data:
  mode: fast
---
apiVersion: v1
kind: Secret
metadata:
  name: credentials
  namespace: ${ns}
stringData:
  password: ${PASSWORD}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: ${ns}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: ${image}}]
`;

describe('the command line (dist/cli.js end to end)', () => {
  let c: TestCluster;
  let repo: GitRepo;
  let kubeconfig: string;
  const ns = uniqueName('cli');
  const target = uniqueName('cli');
  const cli = (...args: string[]) => runCliBundle(args, { cwd: repo.dir });
  const common = ['--path', 'deploy', '--name', target, '--namespace', ns, '--inventory-namespace', 'default'];

  before(async () => {
    c = await testCluster();
    repo = new GitRepo();
    kubeconfig = path.join(repo.dir, '..', `${path.basename(repo.dir)}.kubeconfig`);
    writeFileSync(kubeconfig, c.kubeconfigText, { mode: 0o600 });
    repo.write('deploy/app.yaml', manifests(ns, 'registry.example/web:1'));
    repo.commit('first');
  });
  after(async () => {
    await c.kubectl(['delete', 'namespace', ns, '--wait=false', '--ignore-not-found']);
    await c.kubectl(['delete', 'secret', `kube-gitops-${target}`, '-n', 'default', '--ignore-not-found']);
  });

  it('plans an empty cluster with --exit-code: prints the diff and exits 2, and writes nothing', async () => {
    const run = await cli('plan', ...common, '--kubeconfig', kubeconfig, '--exit-code');
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stdout, new RegExp(`^kube-gitops plan for ${target} at [0-9a-f]{7}\\n4 create, 0 update, 0 replace, 0 delete, 0 unchanged\\n`));
    assert.match(run.stdout, /create  Deployment\/\S+\/web\s+deploy\/app\.yaml:\d+/);
    // A create shows the manifest as written: the container list item in its own order (name, then image).
    assert.match(run.stdout, /^\+\s+- name: web\n\+\s+image: registry\.example\/web:1$/m);
    assert.doesNotMatch(run.stdout, /\u001b\[/, 'no colour when stdout is not a terminal');
    assert.equal((await c.kubectl(['get', 'namespace', ns, '--ignore-not-found', '-o', 'name'])).trim(), '', 'plan never writes');
  });

  it('refuses to apply without a terminal and without --yes, applying nothing', async () => {
    const run = await cli('apply', ...common, '--kubeconfig', kubeconfig);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /Nothing was applied: stdin is not a terminal, so nobody can confirm\. Pass --yes/);
    assert.equal((await c.kubectl(['get', 'namespace', ns, '--ignore-not-found', '-o', 'name'])).trim(), '');
  });

  it('rebuilds the target on an empty cluster with apply --yes, then plans no changes (exit 0)', async () => {
    const applied = await cli('apply', ...common, '--kubeconfig', kubeconfig, '--yes', '--timeout', '90s');
    assert.equal(applied.code, 0, applied.stderr);
    assert.match(applied.stderr, /Applied: 4 written, 0 pruned, 0 not healthy/);
    assert.equal((await c.kubectl(['get', 'deployment', 'web', '-n', ns, '-o', 'jsonpath={.status.availableReplicas}'])).trim(), '1');
    const again = await cli('plan', ...common, '--kubeconfig', kubeconfig, '--exit-code');
    assert.equal(again.code, 0, again.stdout + again.stderr);
    assert.match(again.stdout, /No changes: the cluster already matches the manifests\./);
  });

  it('tells drift in the cluster apart from changes in the working tree, naming who made it', async () => {
    await c.kubectl(['patch', 'configmap', 'settings', '-n', ns, '--type', 'merge', '-p', '{"data":{"mode":"slow"}}']);
    // A file not yet added to git is the working tree's change too, not drift.
    repo.write('deploy/extra.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n  namespace: ${ns}\n`);
    try {
      const untracked = await cli('plan', ...common, '--kubeconfig', kubeconfig);
      const [ownPart = '', driftPart = ''] = untracked.stdout.split(/^Drift: /m);
      assert.match(ownPart, /^ {2}create\s+ConfigMap\/\S+\/extra/m, untracked.stdout);
      assert.match(driftPart, /^1 object\(s\) changed in the cluster/);
      assert.doesNotMatch(driftPart.split('\n\n')[0] ?? '', /extra/, 'the drift table');
    } finally {
      repo.remove('deploy/extra.yaml');
    }
    repo.write('deploy/app.yaml', manifests(ns, 'registry.example/web:1b'));
    try {
      const run = await cli('plan', ...common, '--kubeconfig', kubeconfig);
      assert.equal(run.code, 0, run.stderr);
      const [own = '', drift = ''] = run.stdout.split(/^Drift: /m);
      assert.match(drift, /^1 object\(s\) changed in the cluster, not in Git \(their manifests are the same in [0-9a-f]{7}, which is live, and here\)/);
      assert.match(drift, /^ {2}update\s+ConfigMap\/\S+\/settings\s+deploy\/app\.yaml:\d+\s+changed by kubectl-patch \(Update, /m);
      assert.match(own, /^ {2}update\s+Deployment\/\S+\/web/m, "the uncommitted image change is the working tree's, not drift");
      assert.doesNotMatch(drift.split('\n\n')[0] ?? '', /Deployment/);
      const markdown = await cli('plan', ...common, '--kubeconfig', kubeconfig, '--output', 'markdown');
      assert.match(markdown.stdout, /#### Drift: 1 object\(s\) changed in the cluster/);
    } finally {
      repo.git('checkout', '--', 'deploy/app.yaml');
    }
    const restored = await cli('apply', ...common, '--kubeconfig', kubeconfig, '--yes', '--force-conflicts', '--timeout', '90s');
    assert.equal(restored.code, 0, restored.stderr);
    assert.equal((await c.kubectl(['get', 'configmap', 'settings', '-n', ns, '-o', 'jsonpath={.data.mode}'])).trim(), 'fast');
  });

  it('reads the kubeconfig from KUBECONFIG when no flag names one, and prints the plan file with --output json', async () => {
    repo.write('deploy/app.yaml', manifests(ns, 'registry.example/web:2'));
    repo.commit('web 2');
    const run = await runCliBundle(['plan', ...common, '--output', 'json'], { cwd: repo.dir, env: { KUBECONFIG: kubeconfig } });
    assert.equal(run.code, 0, run.stderr);
    const plan = JSON.parse(run.stdout) as { entries: { action: string; ref: { kind: string } }[] };
    assert.deepEqual(
      plan.entries.filter((e) => e.action === 'update').map((e) => e.ref.kind),
      ['Deployment'],
    );
    const markdown = await runCliBundle(['plan', ...common, '--output', 'markdown'], { cwd: repo.dir, env: { KUBECONFIG: kubeconfig } });
    assert.match(markdown.stdout, new RegExp(`^<!-- kube-gitops:plan target=${target} -->\\n### kube-gitops plan for \\*\\*${target}\\*\\*`));
  });

  it('never shows a Secret value, plain or base64, in any output', async () => {
    repo.write('deploy/app.yaml', manifests(ns, 'registry.example/web:2').replace(PASSWORD, `${PASSWORD}-rotated`));
    repo.commit('rotate');
    const runs = await Promise.all([
      cli('plan', ...common, '--kubeconfig', kubeconfig),
      cli('plan', ...common, '--kubeconfig', kubeconfig, '--output', 'json'),
      cli('plan', ...common, '--kubeconfig', kubeconfig, '--output', 'markdown'),
    ]);
    const everything = runs.map((r) => r.stdout + r.stderr).join('\n');
    assert.match(everything, /value hidden, changed/);
    for (const value of [PASSWORD, `${PASSWORD}-rotated`]) {
      for (const form of [value, Buffer.from(value).toString('base64')]) assert.ok(!everything.includes(form), `found ${form.slice(0, 6)}…`);
    }
  });

  it('exits 1 naming a path that matches nothing, and a bad flag, without a stack trace', async () => {
    const missing = await cli('plan', '--path', 'no-such-dir', '--kubeconfig', kubeconfig, '--exit-code');
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /path 'no-such-dir' matches no manifest/);
    const bad = await cli('plan', '--no-such-flag');
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /^Unknown flag --no-such-flag for kube-gitops plan/);
    for (const r of [missing, bad]) assert.doesNotMatch(r.stderr, /^\s+at /m);
  });

  it('names each invalid manifest once, at its file and line, then says how many', async () => {
    writeFileSync(path.join(repo.dir, 'broken.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [unclosed\n');
    const run = await cli('plan', '--path', 'broken.yaml', '--kubeconfig', kubeconfig, '--name', target);
    assert.equal(run.code, 1);
    assert.equal(run.stderr.split('broken.yaml:').length - 1, 1, run.stderr);
    assert.match(run.stderr, /1 problem\(s\) in the manifests, each shown above at its file and line: nothing was done\./);
    assert.doesNotMatch(run.stderr, /Invalid manifest:/);
  });

  it('says in one line that it needs a newer Node when started by an older one, before loading the bundle', async () => {
    // The Node it runs on reports itself as 20.18.0 (what an old runner or laptop has): the bundle would fail to load there.
    const script = 'Object.defineProperty(process.versions, "node", { value: "20.18.0" }); Object.defineProperty(process, "version", { value: "v20.18.0" });';
    const old = `data:text/javascript;base64,${Buffer.from(script).toString('base64')}`;
    const run = await runCliBundle(['plan', '--kubeconfig', kubeconfig], { cwd: repo.dir, env: { NODE_OPTIONS: `--import=${old}` } });
    assert.equal(run.code, 1);
    assert.equal(run.stderr, 'kube-gitops needs Node.js 22.19 or newer; this is v20.18.0.\n');
  });

  it("keeps the kubeconfig's credentials out of its messages when the cluster cannot be reached", async () => {
    const password = 'cli-url-passw0rd-value';
    const broken = path.join(repo.dir, '..', `${path.basename(repo.dir)}.broken.kubeconfig`);
    writeFileSync(broken, c.kubeconfigText.replace(/server: https:\/\/127\.0\.0\.1:\d+/, `server: https://deploy:${password}@127.0.0.1:1`), { mode: 0o600 });
    const run = await cli('plan', ...common, '--kubeconfig', broken);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /ECONNREFUSED/);
    for (const form of [password, `deploy:${password}`, Buffer.from(password).toString('base64')])
      assert.ok(!(run.stdout + run.stderr).includes(form), run.stderr);
  });

  it("prints help for each command, listing the action's inputs as flags", async () => {
    const help = await cli('plan', '--help');
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--path VALUE \(repeatable\)/);
    assert.match(help.stdout, /--prune\[=true\|false\], --no-prune/);
    assert.match(help.stdout, /--exit-code/);
    assert.doesNotMatch(help.stdout, /--github-token|--yes/);
  });
});
