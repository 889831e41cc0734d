// `kube-gitops plan --all` and `kube-gitops targets` through dist/cli.js (KUBE_GITOPS_DIST_CLI: a
// private build), as a person runs them from one terminal: a fleet of four targets on TWO control
// planes, reached through ONE kubeconfig holding a context per plane, each target's `context` in
// the targets file; plus a target whose context the kubeconfig lacks. Each target is planned
// against its own cluster (its namespace exists only there; each plane's API server counts its
// dry-runs), the change three targets share is shown once naming them, the target without a
// context is "not planned: why" while the others plan, and a manifest value or a context name
// holding terminal escape sequences is printed as data.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { dryRunRequests } from '../support/dry-run-requests.js';
import { GitRepo } from '../support/git-repo.js';
import { runCliBundle } from '../support/run-cli.js';
import { secondTestCluster, testCluster, uniqueName, type TestCluster } from '../support/test-cluster.js';
import { multiContextKubeconfig } from '../support/two-context-kubeconfig.js';

interface Target {
  name: string;
  plane: 'a' | 'b';
  path: string;
  namespace: string;
}

const HOSTILE_VALUE = 'x\u001b]0;pwned\u0007\u001b[2J\u001b[31mred';
const configMap = (name: string, value: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  value: ${JSON.stringify(value)}\n`;

describe('plan --all and targets: a fleet on two clusters from one terminal (dist/cli.js end to end)', () => {
  let a: TestCluster;
  let b: TestCluster;
  let repo: GitRepo;
  let kubeconfig = '';
  const suffix = uniqueName('c').slice(2);
  const targets: Target[] = [
    { name: 'one', plane: 'a', path: 'overlays/one', namespace: `clifleet-one-${suffix}` },
    { name: 'two', plane: 'b', path: 'overlays/two', namespace: `clifleet-two-${suffix}` },
    { name: 'three', plane: 'b', path: 'overlays/three', namespace: `clifleet-three-${suffix}` },
    { name: 'four', plane: 'a', path: 'apps/four', namespace: `clifleet-four-${suffix}` },
  ];
  const planeOf = (t: Target) => (t.plane === 'a' ? a : b);
  const cli = (...args: string[]) => runCliBundle(args, { cwd: repo.dir });
  const entry = (t: Target) => [`  - name: ${t.name}`, `    path: ${t.path}`, `    namespace: ${t.namespace}`, `    context: plane-${t.plane}`];

  before(async () => {
    [a, b] = await Promise.all([testCluster(), secondTestCluster()]);
    // Each namespace exists on its target's plane only: a target planned against the other plane would fail on it.
    for (const t of targets) await planeOf(t).kubectl(['create', 'namespace', t.namespace]);
    repo = new GitRepo();
    kubeconfig = path.join(repo.dir, '..', `${path.basename(repo.dir)}.kubeconfig`);
    writeFileSync(kubeconfig, multiContextKubeconfig({ 'plane-a': a.kubeconfigText, 'plane-b': b.kubeconfigText }), { mode: 0o600 });
    const ok = ['defaults:', '  wait: false', '  inventory-namespace: default', 'targets:', ...targets.flatMap(entry), ''];
    repo.write('fleet-ok.yaml', ok.join('\n'));
    const ghost = ['  - name: ghost', '    path: apps/four', `    namespace: clifleet-ghost-${suffix}`, '    context: "missing\\e]0;pwned\\a"'];
    repo.write('kube-gitops.yaml', [...ok.slice(0, -1), ...ghost, ''].join('\n'));
    repo.write('base/kustomization.yaml', 'resources: [shared.yaml]\n');
    repo.write('base/shared.yaml', configMap('shared', 'hello'));
    for (const t of targets.slice(0, 3)) {
      repo.write(`${t.path}/kustomization.yaml`, 'resources: [../../base, own.yaml]\n');
      repo.write(`${t.path}/own.yaml`, configMap(`own-${t.name}`, t.name));
    }
    repo.write('apps/four/app.yaml', configMap('app-four', 'plain'));
    repo.commit('the fleet');
    // Applied target by target, as each is live before a change; then a branch changes the shared
    // base (three targets) and four's value (to one holding escape sequences).
    for (const t of targets) {
      const applied = await cli('apply', '--target', t.name, '--targets-file', 'fleet-ok.yaml', '--kubeconfig', kubeconfig, '--yes');
      assert.equal(applied.code, 0, applied.stderr);
    }
    repo.git('checkout', '-q', '-b', 'change');
    repo.write('base/shared.yaml', configMap('shared', 'hello again'));
    repo.write('apps/four/app.yaml', configMap('app-four', HOSTILE_VALUE));
    repo.commit('the shared base and four change');
  });

  after(async () => {
    for (const t of targets) await planeOf(t)?.kubectl(['delete', 'namespace', t.namespace, '--wait=false', '--ignore-not-found']);
    repo?.cleanup();
  });

  it("plans each target against its own cluster, shows the shared change once naming its targets, and the target without a context as 'not planned'", async () => {
    const configmaps = { verb: 'APPLY', resource: 'configmaps' };
    const before = await Promise.all([dryRunRequests(a, configmaps), dryRunRequests(b, configmaps)]);
    const started = performance.now();
    const run = await cli('plan', '--all', '--kubeconfig', kubeconfig);
    const seconds = (performance.now() - started) / 1000;
    const after = await Promise.all([dryRunRequests(a, configmaps), dryRunRequests(b, configmaps)]);
    process.stderr.write(`[cli-fleet] plan --all of 5 targets on two planes: ${seconds.toFixed(1)}s\n`);

    assert.equal(run.code, 1, `a target not planned fails the command\n${run.stdout}\n${run.stderr}`);
    assert.match(run.stdout, /^kube-gitops plan for 5 targets at [0-9a-f]{7}$/m);
    for (const t of targets)
      assert.match(run.stdout, new RegExp(`^ {2}${t.name} +0 create, 1 update, 0 replace, 0 delete, ${t.name === 'four' ? 0 : 1} unchanged$`, 'm'), run.stdout);
    assert.match(
      run.stdout,
      /^ {2}ghost +not planned: The kubeconfig has no context 'missing\\u001b\]0;pwned\\u0007' \(input context\); its contexts are 'plane-a', 'plane-b'\.$/m,
    );
    // The ConfigMap the three overlays share, each in its own namespace: one group, naming them.
    const shared = run.stdout.match(/^update ConfigMap\/\$NAMESPACE\/shared in 3 targets: .*$/gm) ?? [];
    assert.deepEqual(shared, ['update ConfigMap/$NAMESPACE/shared in 3 targets: one, two, three'], run.stdout);
    assert.match(run.stdout, /^update ConfigMap\/\$NAMESPACE\/app-four in 1 target: four$/m);
    // Each plane served the dry-runs of its own targets' changes: one's and four's on a, two's and three's on b.
    assert.ok((after[0] ?? 0) - (before[0] ?? 0) >= 2, `plane a: ${before[0]} → ${after[0]}`);
    assert.ok((after[1] ?? 0) - (before[1] ?? 0) >= 2, `plane b: ${before[1]} → ${after[1]}`);
    // Data, never terminal commands: the value's escapes and the context's are written out.
    assert.ok(run.stdout.includes('+  value: "x\\e]0;pwned\\a\\e[2J\\e[31mred"'), run.stdout);
    assert.doesNotMatch(run.stdout + run.stderr, /[\u0000-\u0009\u000b-\u001f]/, 'no control character but line feeds reaches the terminal');
    assert.match(run.stderr, /^Planning 5 target\(s\), 4 at a time\.$/m);
    assert.match(run.stderr, /^\[two\] /m, 'each target’s own lines are named');
    for (const t of targets.slice(0, 3)) {
      const live = await planeOf(t).kubectl(['get', 'configmap', 'shared', '-n', t.namespace, '-o', 'jsonpath={.data.value}']);
      assert.equal(live, 'hello', 'plan never writes');
    }
  });

  it('exits 2 with --exit-code when every target planned and one changes, and prints every plan file with -o json', async () => {
    const run = await cli('plan', '--all', '--targets-file', 'fleet-ok.yaml', '--kubeconfig', kubeconfig, '--exit-code', '--parallel', '2');
    assert.equal(run.code, 2, `${run.stdout}\n${run.stderr}`);
    assert.match(run.stderr, /^Planning 4 target\(s\), 2 at a time\.$/m);
    const json = await cli('plan', '--all', '--targets-file', 'fleet-ok.yaml', '--kubeconfig', kubeconfig, '-o', 'json');
    assert.equal(json.code, 0, json.stderr);
    const files = JSON.parse(json.stdout) as { target: string; entries: { action: string }[]; run: { namespace: string } }[];
    assert.deepEqual(
      files.map((f) => [f.target, f.run.namespace, f.entries.map((e) => e.action).sort()]),
      targets.map((t) => [t.name, t.namespace, t.name === 'four' ? ['update'] : ['unchanged', 'update']]),
    );
  });

  it("prints the matrix of a branch's targets: the overlays' shared base changed, the app not", async () => {
    repo.git('checkout', '-q', '-b', 'shared-only', 'master');
    repo.write('base/shared.yaml', configMap('shared', 'hello again'));
    repo.commit('the shared base changes');
    const run = await cli('targets', '--targets-file', 'fleet-ok.yaml');
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, '{"include":[{"target":"one"},{"target":"two"},{"target":"three"}]}\n');
    assert.match(run.stderr, /^Base: master \(merge base [0-9a-f]{7}\)$/m);
    assert.match(run.stderr, /^not planned four: no input changed$/m);
  });
});
