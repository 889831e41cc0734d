// Adversarial: the tools we spawn read files a pull request's author controls, so they must not see
// the workflow's secrets. Fake helm, kustomize, sops, git, gpg and credential-plugin scripts first
// on PATH write the environment they were given to a file; the runner's environment holds hostile
// variables (an input, a GitHub token, a secret passed via `env:`) that must not be in it.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runHelm } from '../../../src/load/sources/helm/helm-command.js';
import { kustomizeBuild } from '../../../src/load/sources/kustomize/kustomize.js';
import { sopsDecrypt } from '../../../src/load/sops/sops-cli.js';
import { sopsEnvironment } from '../../../src/load/sops/age-key.js';
import { uncommittedFiles } from '../../../src/git/uncommitted-files.js';
import { checkoutCommit } from '../../../src/git/commit-checkout.js';
import { runTool } from '../../../src/signing/signing-tool.js';
import { runExecPlugin } from '../../../src/cluster/exec-credential.js';
import { childEnvironment } from '../../../src/tools/child-environment.js';

const HOSTILE = { INPUT_TOKEN: 'marker-input', GITHUB_TOKEN: 'marker-github', MY_SECRET: 'marker-secret', ACTIONS_RUNTIME_TOKEN: 'marker-runtime' };
const WANTED = {
  HELM_CACHE_HOME: '/tmp/helm-cache',
  SOPS_AGE_KEY_FILE: '/tmp/age.txt',
  GIT_CONFIG_COUNT: '1',
  GIT_CONFIG_KEY_0: 'safe.directory',
  GIT_CONFIG_VALUE_0: '*',
  https_proxy: 'http://proxy.invalid:3128',
  AWS_PROFILE: 'deploy',
};
const CREDENTIAL = JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token: 'tok-12345' } });

let bin = '';
let dumps = '';
const saved = new Map<string, string | undefined>();

/** A fake tool that writes its environment to dumps/<name> and prints `stdout`. */
function fakeTool(name: string, stdout = ''): void {
  const file = path.join(bin, name);
  writeFileSync(file, `#!/bin/sh\nenv > '${path.join(dumps, name)}'\nprintf '%s' '${stdout}'\n`);
  chmodSync(file, 0o755);
}

function environmentOf(name: string): Map<string, string> {
  const lines = readFileSync(path.join(dumps, name), 'utf8').split('\n');
  return new Map(lines.filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

function assertNoHostile(name: string, env: Map<string, string>): void {
  for (const key of Object.keys(HOSTILE)) assert.equal(env.get(key), undefined, `${name} was given ${key}`);
  assert.ok(env.get('PATH')?.split(path.delimiter).includes(bin), `${name} has no PATH`);
  assert.equal(env.get('HOME'), process.env.HOME, `${name} has no HOME`);
  assert.equal(env.get('https_proxy'), WANTED.https_proxy, `${name} lost the proxy`);
}

describe('the environment of the tools we spawn', () => {
  before(() => {
    bin = mkdtempSync(path.join(os.tmpdir(), 'kube-gitops-fake-bin-'));
    dumps = mkdtempSync(path.join(os.tmpdir(), 'kube-gitops-env-dumps-'));
    for (const [k, v] of Object.entries({ ...HOSTILE, ...WANTED, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` })) {
      saved.set(k, process.env[k]);
      process.env[k] = v;
    }
    fakeTool('helm', 'v3.21.0');
    fakeTool('kustomize');
    fakeTool('sops');
    fakeTool('git');
    fakeTool('gpg');
    fakeTool('credential-plugin', CREDENTIAL);
  });
  after(() => {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    rmSync(bin, { recursive: true, force: true });
    rmSync(dumps, { recursive: true, force: true });
  });

  it('gives helm its HELM_* variables and none of the runner secrets', async () => {
    await runHelm(['version', '--short']);
    const env = environmentOf('helm');
    assertNoHostile('helm', env);
    assert.equal(env.get('HELM_CACHE_HOME'), WANTED.HELM_CACHE_HOME);
    assert.equal(env.get('SOPS_AGE_KEY_FILE'), undefined);
    assert.equal(env.get('AWS_PROFILE'), undefined);
  });

  it('gives kustomize none of the runner secrets', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kube-gitops-kust-env-'));
    try {
      writeFileSync(path.join(dir, 'kustomization.yaml'), 'resources: []\n');
      await kustomizeBuild(dir, { workspace: dir });
      const env = environmentOf('kustomize');
      assertNoHostile('kustomize', env);
      assert.equal(env.get('GIT_CONFIG_KEY_0'), 'safe.directory');
      assert.equal(env.get('SOPS_AGE_KEY_FILE'), undefined);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives sops its key and cloud settings and none of the runner secrets', async () => {
    await sopsDecrypt({ ciphertext: 'a: 1\n', format: 'yaml', ageKey: 'AGE-SECRET-KEY-1FAKE', env: process.env });
    const env = environmentOf('sops');
    assertNoHostile('sops', env);
    assert.equal(env.get('SOPS_AGE_KEY'), 'AGE-SECRET-KEY-1FAKE');
    assert.equal(env.get('SOPS_AGE_KEY_FILE'), WANTED.SOPS_AGE_KEY_FILE);
    assert.equal(env.get('AWS_PROFILE'), 'deploy');
    assert.equal(sopsEnvironment(process.env).GITHUB_TOKEN, undefined);
  });

  it('gives git its GIT_CONFIG_* settings and none of the runner secrets, wherever git runs', async () => {
    await uncommittedFiles(dumps, ['.']);
    const env = environmentOf('git');
    assertNoHostile('git (status)', env);
    assert.equal(env.get('GIT_CONFIG_VALUE_0'), '*');
    assert.equal(env.get('HELM_CACHE_HOME'), undefined);
    await runTool('git', ['rev-parse', 'HEAD'], { cwd: dumps });
    assertNoHostile('git (signing)', environmentOf('git'));
    // The fake git writes no archive, so tar fails after git ran.
    await assert.rejects(checkoutCommit(dumps, 'a'.repeat(40)), /tar/);
    assertNoHostile('git (base checkout)', environmentOf('git'));
  });

  it('gives gpg its home and none of the runner secrets', async () => {
    await runTool('gpg', ['--version']);
    assertNoHostile('gpg', environmentOf('gpg'));
    assert.equal(childEnvironment('gpg', { GNUPGHOME: '/g', MY_SECRET: 's' }).GNUPGHOME, '/g');
  });

  it("gives an exec credential plugin what kubectl gives it, this action's inputs left out", async () => {
    const plugin = { command: 'credential-plugin', args: [], env: [{ name: 'CLUSTER', value: 'prod' }], apiVersion: 'client.authentication.k8s.io/v1' };
    const result = await runExecPlugin(plugin, { userName: 'u', onOutput: () => undefined });
    assert.equal(result.token, 'tok-12345');
    const env = environmentOf('credential-plugin');
    assert.equal(env.get('INPUT_TOKEN'), undefined);
    assert.equal(env.get('CLUSTER'), 'prod');
    assert.equal(env.get('AWS_PROFILE'), 'deploy');
    assert.ok(env.has('KUBERNETES_EXEC_INFO'));
  });
});
