// `kube-gitops plan --all` without a cluster that answers: every target still gets its line, a
// context the kubeconfig lacks and a server nobody listens at each as "not planned: why" (one
// target's failure never stops the others), -o json prints every target's plan file with its
// `run.failure`, the exit code is 1, and a reason holding terminal escape sequences is data.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../../src/cli/run-cli.js';
import { capturingIo } from '../../support/capturing-io.js';
import { cleanWorkspacesAfterEach, targetsWorkspace } from '../../support/targets-workspace.js';

cleanWorkspacesAfterEach();

/** A kubeconfig of one context `nobody`, at a port nothing listens on. */
const KUBECONFIG =
  'apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]\nusers: [{name: u, user: {token: abcdef0123456789}}]\ncontexts: [{name: nobody, context: {cluster: c, user: u}}]\ncurrent-context: nobody\n';
const HOSTILE_CONTEXT = 'gone\\e]0;pwned\\a\\e[2J';

const FILE = [
  'targets:',
  '  - name: alpha',
  '    path: a',
  '    namespace: alpha',
  '    context: nobody',
  '  - name: beta',
  '    path: b',
  '    namespace: beta',
  `    context: "${HOSTILE_CONTEXT}"`,
  '',
].join('\n');

async function planAll(...args: string[]) {
  const dir = targetsWorkspace(FILE);
  const kubeconfig = path.join(dir, 'kubeconfig');
  writeFileSync(kubeconfig, KUBECONFIG, { mode: 0o600 });
  const { io, stdout, stderr } = capturingIo(dir);
  const code = await runCli(['plan', '--all', '--kubeconfig', kubeconfig, ...args], io);
  return { code, stdout: stdout(), stderr: stderr() };
}

describe('kube-gitops plan --all, targets that cannot be planned', () => {
  it('names each target "not planned: why" with its own reason, exits 1, and prints escape sequences as data', async () => {
    const run = await planAll();
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /^kube-gitops plan for 2 targets at /);
    assert.match(run.stdout, /^ {2}alpha {2}not planned: .*127\.0\.0\.1:1/m);
    assert.match(
      run.stdout,
      /^ {2}beta {3}not planned: The kubeconfig has no context 'gone\\u001b\]0;pwned\\u0007\\u001b\[2J' \(input context\); its contexts are 'nobody'\.$/m,
    );
    assert.doesNotMatch(run.stdout + run.stderr, /[\u0000-\u0009\u000b-\u001f]/, 'no control character but line feeds reaches the terminal');
    assert.equal(run.stdout.match(/has no context/g)?.length, 2, 'the reason once in the table, once under the target, not again as its problem');
    assert.match(run.stdout, /^2 target\(s\) failed$/m);
    assert.match(run.stderr, /^Planning 2 target\(s\), 2 at a time\.$/m);
    assert.doesNotMatch(run.stdout + run.stderr, /abcdef0123456789/, 'the kubeconfig token is never shown');
  });

  it('prints every target’s plan file as JSON with -o json, the failure in run.failure, in the file’s order', async () => {
    const run = await planAll('-o', 'json', '--parallel', '1');
    assert.equal(run.code, 1);
    const files = JSON.parse(run.stdout) as { target: string; entries: unknown[]; run: { report: string; namespace: string; failure?: string } }[];
    assert.deepEqual(
      files.map((f) => [f.target, f.run.namespace, f.entries.length]),
      [
        ['alpha', 'alpha', 0],
        ['beta', 'beta', 0],
      ],
    );
    assert.match(
      files[1]?.run.failure ?? '',
      /^The kubeconfig has no context 'gone\u001b\]0;pwned\u0007\u001b\[2J'/,
      'JSON keeps the value; its escapes make it data',
    );
    assert.match(run.stderr, /^error: 2 target\(s\) failed$/m);
    assert.match(run.stderr, /^Planning 2 target\(s\), 1 at a time\.$/m);
  });

  it('prints the fleet comment with -o markdown: its marker first, each target a row', async () => {
    const run = await planAll('-o', 'markdown');
    assert.equal(run.code, 1);
    assert.match(run.stdout, /^<!-- kube-gitops:fleet -->\n/);
    assert.match(run.stdout, /`alpha`.*not planned/);
    assert.match(run.stdout, /`beta`.*not planned/);
    assert.equal(run.stdout.match(/has no context/g)?.length, 2, 'the reason in the row and in the target block, not again as its problem');
  });
});
