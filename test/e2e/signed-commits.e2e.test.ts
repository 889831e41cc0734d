// dist/index.js with verify-commits on real push and pull_request payloads: an unsigned push is
// refused before its manifests are read and before anything is written (no object, no ApplySet parent), the step, the job summary and
// the merged pull request's report name the commit and its signer; a push signed by an allowed SSH
// key is applied; since-live refuses an unsigned commit behind a signed head; a plan says the merge
// would be refused; a file the load read outside the path (a link's target) changed after signing
// is refused, naming it. Keys are made in the test; the key files are gone from RUNNER_TEMP afterwards.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startGitHubApiServer, type GitHubApiServer } from '../support/github-api-server.js';
import { GitRepo } from '../support/git-repo.js';
import { pullRequestPayload, pushPayload, runAction, type ActionRun } from '../support/run-action.js';
import { runCliBundle } from '../support/run-cli.js';
import { SigningKeys, signedCommit, type SshSigningKey } from '../support/signing-keys.js';
import { testCluster, testNamespace, type TestCluster } from '../support/test-cluster.js';

const TOKEN = 'ghs_e2eSigningToken000000000000000000000';
const TARGET = 'signing';

describe('signed commits (dist/index.js end to end)', () => {
  let c: TestCluster;
  let ns: { name: string; cleanup: () => Promise<void> };
  let github: GitHubApiServer;
  const keys = new SigningKeys();
  let dev: SshSigningKey;
  const repo = new GitRepo();

  before(async () => {
    c = await testCluster();
    ns = await testNamespace('e2e-signing');
    github = await startGitHubApiServer({
      token: TOKEN,
      pulls: () => [{ number: 91, state: 'closed', merged_at: '2026-11-22T10:00:00Z' }],
      compare: (base, head) => repo.compare(base, head),
    });
    dev = keys.ssh('dev');
  });
  after(async () => {
    await github.stop();
    repo.cleanup();
    keys.cleanup();
    await ns.cleanup();
  });

  const configMap = (value: string) =>
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: signed-config\n  namespace: ${ns.name}\ndata: {value: "${value}"}\n`;

  function run(event: 'push' | 'pull_request', sha: string, inputs: Record<string, string> = {}, base = sha): Promise<ActionRun> {
    return runAction({
      event,
      payload: event === 'push' ? pushPayload({ before: '0'.repeat(40), after: sha }) : pullRequestPayload({ number: 92, baseSha: base, headSha: sha }),
      workspace: repo.dir,
      sha,
      apiUrl: github.url,
      inputs: {
        path: 'deploy',
        namespace: ns.name,
        name: TARGET,
        kubeconfig: c.kubeconfigText,
        'github-token': TOKEN,
        timeout: '60s',
        'verify-commits': 'keys',
        'allowed-signers': `# the team\n${dev.allowedLine('dev@example.com')}\n`,
        ...inputs,
      },
    });
  }

  async function liveValue(): Promise<string | undefined> {
    const out = await c.kubectl(['get', 'configmaps', '-n', ns.name, '-o', 'jsonpath={.items[?(@.metadata.name=="signed-config")].data.value}']);
    return out.trim() || undefined;
  }

  function assertNoKeyFilesLeft(r: ActionRun): void {
    const planFile = r.outputs['plan-file'];
    assert.ok(planFile, 'the plan file names RUNNER_TEMP');
    const runnerTemp = path.dirname(planFile);
    assert.deepEqual(
      readdirSync(runnerTemp).filter((f) => f.startsWith('kube-gitops-signers-')),
      [],
    );
    assert.equal(r.stdout.includes(dev.publicKey.split(' ')[1] ?? '-'), false, 'the key is not logged');
  }

  it('refuses an unsigned push before anything is written, naming the commit, "unsigned" and the allowed key', async () => {
    repo.write('deploy/config.yaml', configMap('unsigned'));
    const sha = repo.commit('unsigned change');
    const r = await run('push', sha);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const short = sha.slice(0, 7);
    const failure = r.stdout.split('\n').filter((l) => l.startsWith('::error::'));
    assert.match(
      failure.at(-1) ?? '',
      new RegExp(
        `^::error::Refusing to apply ${short}: commit ${short} is unsigned \\(signer: unsigned\\)\\. Allowed: signatures by dev@example\\.com \\(SSH key SHA256:`,
      ),
    );
    assert.match(r.summary, new RegExp(`## kube-gitops apply of \`${short}\` to \\*\\*${TARGET}\\*\\*\n\n⛔ \\*\\*Nothing was applied\\*\\*`));
    assert.ok(r.summary.includes(`commit ${short} is unsigned (signer: unsigned)`), r.summary);
    const report = github.comments.find((x) => x.issueNumber === 91 && x.body.includes(`<!-- kube-gitops:apply target=${TARGET} -->`));
    assert.ok(report?.body.includes(`commit ${short} is unsigned (signer: unsigned)`), 'the merged pull request is told why');
    assert.equal(await liveValue(), undefined, 'no object was written');
    assert.equal((await c.kubectl(['get', 'secrets', '-n', ns.name, '-o', 'name'])).includes(`kube-gitops-${TARGET}`), false, 'no ApplySet parent was written');
    assertNoKeyFilesLeft(r);
  });

  it('refuses an unsigned push before reading its manifests: the signature is the refusal, not what the files hold', async () => {
    repo.write('deploy/config.yaml', configMap('unsigned-again'));
    repo.write('deploy/broken.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: [not, a, map\n');
    const sha = repo.commit('unsigned, with a broken file');
    try {
      const r = await run('push', sha);
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.match(r.stdout, new RegExp(`::error::Refusing to apply ${sha.slice(0, 7)}: commit ${sha.slice(0, 7)} is unsigned`));
      assert.equal(r.stdout.includes('::group::Load manifests'), false, 'nothing of the commit was loaded');
      assert.equal(r.stdout.includes('broken.yaml'), false, r.stdout);
      assert.equal(await liveValue(), undefined, 'no object was written');
    } finally {
      rmSync(path.join(repo.dir, 'deploy/broken.yaml'));
    }
  });

  it('applies a push signed by an allowed SSH key', async () => {
    repo.write('deploy/config.yaml', configMap('signed'));
    const sha = signedCommit(repo, 'signed change', dev);
    const r = await run('push', sha);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, new RegExp(`accepted: commit ${sha.slice(0, 7)} is signed by an allowed key \\(signer: dev@example\\.com \\(SSH key SHA256:`));
    assert.equal(await liveValue(), 'signed');
    assertNoKeyFilesLeft(r);
  });

  it('refuses a signed push when a file under the path is not in that commit (an earlier step wrote it), writing nothing', async () => {
    repo.write('deploy/config.yaml', configMap('signed-twice'));
    const sha = signedCommit(repo, 'signed again', dev);
    repo.write('deploy/extra.yaml', configMap('never-signed').replace('name: signed-config', 'name: extra'));
    try {
      const r = await run('push', sha);
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.match(r.stdout, /file\(s\) under the manifest paths differ from the verified commit .*deploy\/extra\.yaml/);
      assert.equal(await liveValue(), 'signed', 'nothing was written');
    } finally {
      rmSync(path.join(repo.dir, 'deploy/extra.yaml'));
    }
  });

  it('refuses a signed push when the target of a committed link under the path changed after signing, naming that file, writing nothing', async () => {
    const linked = (value: string) => configMap(value).replace('name: signed-config', 'name: linked-config');
    repo.write('shared/linked.yaml', linked('as-signed'));
    symlinkSync('../shared/linked.yaml', path.join(repo.dir, 'deploy/linked.yaml'));
    const sha = signedCommit(repo, 'a link to a file outside the path', dev);
    repo.write('shared/linked.yaml', linked('changed-after-signing'));
    try {
      const r = await run('push', sha);
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.match(r.stdout, /'shared\/linked\.yaml', which the load read, is not the verified commit [0-9a-f]{7}'s \(changed\)/);
      assert.equal(await liveValue(), 'signed', 'nothing was written');
    } finally {
      rmSync(path.join(repo.dir, 'deploy/linked.yaml'));
      rmSync(path.join(repo.dir, 'shared'), { recursive: true });
    }
  });

  it('since live: an unsigned commit between the live one and a signed head is refused, and nothing changes', async () => {
    repo.write('deploy/config.yaml', configMap('sneaked-in'));
    const middle = repo.commit('unsigned, in the middle');
    repo.write('deploy/config.yaml', configMap('signed-again'));
    const head = signedCommit(repo, 'signed on top', dev);
    const r = await run('push', head, { 'verify-commits-since-live': 'true' });
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.ok(r.summary.includes(`commit ${middle.slice(0, 7)} (between the live commit`), r.summary + r.stdout);
    assert.equal(await liveValue(), 'signed', 'the cluster is as the signed apply left it');
    const headOnly = await run('push', head);
    assert.equal(headOnly.code, 0, 'without since-live the signed head alone is verified');
    assert.equal(await liveValue(), 'signed-again');
  });

  it('plan: the pull request comment says the merge would be refused, and the plan still passes', async () => {
    const base = repo.git('rev-parse', 'HEAD');
    repo.write('deploy/config.yaml', configMap('proposed'));
    const head = repo.commit('unsigned proposal');
    const r = await run('pull_request', head, {}, base);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const comment = github.comments.find((x) => x.issueNumber === 92 && x.body.includes(`<!-- kube-gitops:plan target=${TARGET} -->`));
    assert.ok(comment, 'the plan comment was posted');
    assert.match(
      comment.body,
      new RegExp(`\\*\\*This merge would be refused\\*\\* \\(verify-commits: keys\\):\n> - commit ${head.slice(0, 7)} is unsigned \\(signer: unsigned\\)`),
    );
    assert.match(comment.body, /"Rebase and merge" in the web UI makes unsigned commits/);
    assert.equal(await liveValue(), 'signed-again', 'plan mode writes nothing');
    assert.ok(existsSync(r.outputs['plan-file'] ?? ''));
  });

  it('the CLI applies with the same checks on local git: an unsigned HEAD and a working tree with changes are refused', async () => {
    const kubeconfig = path.join(keys.dir, 'kubeconfig');
    writeFileSync(kubeconfig, c.kubeconfigText, { mode: 0o600 });
    const cli = (extra: string[] = []) =>
      runCliBundle(
        [
          'apply',
          '--yes',
          '--path',
          'deploy',
          '--namespace',
          ns.name,
          '--name',
          TARGET,
          '--kubeconfig',
          kubeconfig,
          '--verify-commits',
          'keys',
          '--allowed-signers',
          dev.allowedLine('dev@example.com'),
          ...extra,
        ],
        { cwd: repo.dir, env: { TMPDIR: keys.dir } },
      );
    repo.write('deploy/config.yaml', configMap('from-the-cli'));
    const unsigned = repo.commit('unsigned, applied from a terminal');
    const refused = await cli();
    assert.equal(refused.code, 1, refused.stdout + refused.stderr);
    assert.match(refused.stderr, new RegExp(`Refusing to apply ${unsigned.slice(0, 7)}: commit ${unsigned.slice(0, 7)} is unsigned \\(signer: unsigned\\)`));
    assert.equal(await liveValue(), 'signed-again', 'nothing was written');
    const signed = signedCommit(repo, 'signed, applied from a terminal', dev);
    repo.write('deploy/config.yaml', configMap('not-committed'));
    const dirty = await cli();
    assert.equal(dirty.code, 1);
    assert.match(dirty.stderr, new RegExp(`verifies the commit ${signed.slice(0, 7)}, but the working tree has changes not committed`));
    repo.git('checkout', '--', 'deploy/config.yaml');
    const applied = await cli();
    assert.equal(applied.code, 0, applied.stdout + applied.stderr);
    assert.equal(await liveValue(), 'from-the-cli');
    assert.deepEqual(
      readdirSync(keys.dir).filter((f) => f.startsWith('kube-gitops-signers-')),
      [],
    );
  });
});
