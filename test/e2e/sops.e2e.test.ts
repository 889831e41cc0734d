// Issue 18, SOPS end to end through dist/index.js: a fork's pull request (no kubeconfig, no key)
// gets a plan that does not fail and shows the encrypted objects as such, changed or unchanged by
// their ciphertext against the base commit; a push without the key is refused naming sops-age-key
// with nothing applied; with the key it applies the decrypted values. Every output of every run is
// searched for every decrypted value, plain and in base64, and for the key.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { KubeObject } from '../../src/objects/kube-object.js';
import { startGitHubApiServer, type GitHubApiServer } from '../support/github-api-server.js';
import { GitRepo } from '../support/git-repo.js';
import { runCliBundle } from '../support/run-cli.js';
import { pullRequestPayload, pushPayload, runAction, visibleOutputs, type ActionRun } from '../support/run-action.js';
import { leaksIn } from '../support/secret-leaks.js';
import { newAgeKey, sopsEncrypt, withSopsOnPath, type AgeKey } from '../support/sops-binary.js';
import { testCluster, testNamespace, type TestCluster } from '../support/test-cluster.js';

const TOKEN = 'ghs_e2eSopsToken000000000000000000000000';
const tag = randomBytes(4).toString('hex');
const VALUES = { password: `e2e-sops-password-${tag}`, rotated: `e2e-sops-rotated-${tag}`, token: `e2e-sops-config-${tag}` };

function secret(ns: string, password: string): string {
  return `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: ${ns}\nstringData:\n  password: ${password}\n`;
}

function configMap(ns: string): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: ${ns}\ndata:\n  token: ${VALUES.token}\n`;
}

describe('SOPS-encrypted manifests (dist/index.js end to end)', () => {
  let c: TestCluster;
  let ns: { name: string; cleanup: () => Promise<void> };
  let repo: GitRepo;
  let github: GitHubApiServer;
  let key: AgeKey;
  let restorePath: () => void = () => undefined;
  let base = '';
  let head = '';

  before(async () => {
    c = await testCluster();
    restorePath = await withSopsOnPath();
    key = await newAgeKey();
    ns = await testNamespace('e2e-sops');
    github = await startGitHubApiServer({ token: TOKEN, pulls: () => [{ number: 18, state: 'closed', merged_at: '2026-11-30T10:00:00Z' }] });
    repo = new GitRepo();
    repo.write('deploy/db.yaml', await sopsEncrypt(secret(ns.name, VALUES.password), key.recipient));
    repo.write('deploy/settings.yaml', await sopsEncrypt(configMap(ns.name), key.recipient));
    base = repo.commit('encrypted manifests');
    repo.write('deploy/db.yaml', await sopsEncrypt(secret(ns.name, VALUES.rotated), key.recipient));
    head = repo.commit('rotate the password');
  });
  after(async () => {
    restorePath();
    await github.stop();
    repo.cleanup();
    await ns.cleanup();
  });

  function assertNothingRevealed(run: ActionRun): void {
    const secrets = [...Object.values(VALUES), key.secretLine];
    for (const [name, text] of Object.entries(
      visibleOutputs(
        run,
        github.comments.map((c) => c.body),
      ),
    ))
      assert.deepEqual(leaksIn(text, secrets), [], `the ${name} reveals a value`);
  }

  /** The sticky plan comment (the apply's report on the merged pull request is another). */
  const planComment = (): string => github.comments.findLast((c) => !c.body.includes('kube-gitops:apply'))?.body ?? assert.fail('no plan comment');

  /** A run on the pull request (base → head) or on the push of head, with these inputs over the common ones. */
  const act = (event: 'pull_request' | 'push', extra: Record<string, string>): Promise<ActionRun> =>
    runAction({
      event,
      payload: event === 'push' ? pushPayload({ before: base, after: head }) : pullRequestPayload({ number: 18, baseSha: base, headSha: head }),
      workspace: repo.dir,
      sha: head,
      apiUrl: github.url,
      inputs: { path: 'deploy', name: 'sops', namespace: ns.name, 'github-token': TOKEN, timeout: '60s', ...extra },
    });

  it("plans a fork's pull request without a key: the plan does not fail, the objects read encrypted, changed or unchanged by their ciphertext", async () => {
    const run = await act('pull_request', { kubeconfig: '' });
    assert.equal(run.code, 0, run.stdout.slice(-3000));
    const body = planComment();
    assert.match(body, /0 create, 1 update, 0 replace, 0 delete, 1 unchanged/);
    assert.match(body, /encrypted: cannot be decrypted here \(SOPS, no key\)/);
    assert.match(body, /cannot be decrypted here \(no 'sops-age-key'; pull requests from forks get no secrets\)/);
    assertNothingRevealed(run);
  });

  it('refuses a push without the key, naming sops-age-key at each file, with nothing applied', async () => {
    const run = await act('push', { kubeconfig: c.kubeconfigText });
    assert.equal(run.code, 1, run.stdout.slice(-3000));
    assert.match(
      run.stdout,
      /::error file=deploy\/db\.yaml,line=1::Secret\/[^ ]+\/db is encrypted with SOPS and cannot be decrypted here: set the input 'sops-age-key'/,
    );
    assert.match(run.stdout, /::error::Nothing was applied: 2 problem\(s\) must be fixed first/);
    assert.match(run.summary, /sops-age-key/);
    await assert.rejects(c.kubectl(['get', 'secret', 'db', '-n', ns.name]), /NotFound|not found/);
    assertNothingRevealed(run);
  });

  it('applies a push with the key: the live Secret and ConfigMap hold the decrypted values, which no output reveals, and the runner masks the key', async () => {
    const run = await act('push', { kubeconfig: c.kubeconfigText, 'sops-age-key': key.identity });
    assert.equal(run.code, 0, run.stdout.slice(-3000));
    const live = JSON.parse(await c.kubectl(['get', 'secret', 'db', '-n', ns.name, '-o', 'json'])) as KubeObject;
    assert.equal(Buffer.from((live.data as Record<string, string>).password ?? '', 'base64').toString(), VALUES.rotated);
    const cm = JSON.parse(await c.kubectl(['get', 'configmap', 'settings', '-n', ns.name, '-o', 'json'])) as KubeObject;
    assert.deepEqual(cm.data, { token: VALUES.token });
    const masks = run.stdout.split('\n').filter((l) => l.startsWith('::add-mask::'));
    assert.ok(masks.includes(`::add-mask::${key.secretLine}`), 'the runner masks the key');
    assert.ok(masks.includes(`::add-mask::${VALUES.token}`), "the runner masks a decrypted ConfigMap's value");
    assertNothingRevealed(run);
  });

  it('plans a pull request with the key against the cluster: the ConfigMap is unchanged and no value is revealed', async () => {
    const run = await act('pull_request', { kubeconfig: c.kubeconfigText, 'sops-age-key': key.identity });
    assert.equal(run.code, 0, run.stdout.slice(-3000));
    const body = planComment();
    assert.match(body, /0 create, 0 update, 0 replace, 0 delete, 2 unchanged/);
    assertNothingRevealed(run);
  });

  it('from a terminal, decrypts with SOPS_AGE_KEY from the environment (there is no key flag), and shows the objects encrypted without it', async () => {
    const args = ['plan', '--path', 'deploy', '--name', 'sops', '--namespace', ns.name, '--kubeconfig', c.state.kubeconfig];
    const withKey = await runCliBundle(args, { cwd: repo.dir, env: { SOPS_AGE_KEY: key.identity } });
    assert.equal(withKey.code, 0, withKey.stderr);
    assert.match(withKey.stdout, /0 create, 0 update, 0 replace, 0 delete, 2 unchanged/);
    assert.doesNotMatch(withKey.stderr, /cannot be decrypted/);
    const withoutKey = await runCliBundle(args, { cwd: repo.dir });
    assert.equal(withoutKey.code, 0, withoutKey.stderr);
    assert.match(withoutKey.stdout + withoutKey.stderr, /2 object\(s\) from SOPS-encrypted files cannot be decrypted here/);
    const flag = await runCliBundle([...args, '--sops-age-key', key.identity], { cwd: repo.dir });
    assert.equal(flag.code, 1, 'the key is no flag');
    const secrets = [...Object.values(VALUES), key.secretLine];
    for (const [name, run] of Object.entries({ withKey, withoutKey }))
      assert.deepEqual(leaksIn(run.stdout + run.stderr, secrets), [], `the ${name} run reveals a value`);
  });
});
