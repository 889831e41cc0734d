// Signature verification against real signatures: keys made here with ssh-keygen and gpg, commits
// signed with git in real repositories, verified by git with only the allowed keys (and by the
// strict GitHub stand-in in `github` mode).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createGitHubApi } from '../../../src/github/octokit-github.js';
import { parseAllowedSigners } from '../../../src/signing/allowed-signers.js';
import { isRefused, verifyCommitSignatures, type VerificationRequest } from '../../../src/signing/commit-verification.js';
import { refusalProblems } from '../../../src/signing/signature-refusal.js';
import type { SigningPolicy } from '../../../src/signing/signing-policy.js';
import { startGitHubApiServer, type GitHubApiServer, type StandInCommit } from '../../support/github-api-server.js';
import { GitRepo } from '../../support/git-repo.js';
import { SigningKeys, signedCommit, tamperHead, type PgpSigningKey, type SshSigningKey } from '../../support/signing-keys.js';

const TOKEN = 'ghs_signingTestToken000000000000000000';

describe('signed commits (real ssh-keygen, gpg and git)', () => {
  const keys = new SigningKeys();
  const repos: GitRepo[] = [];
  const tempRoot = mkdtempSync(path.join(os.tmpdir(), 'kube-gitops-signing-tmp-'));
  let dev: SshSigningKey;
  let stranger: SshSigningKey;
  let release: PgpSigningKey;
  let outsider: PgpSigningKey;
  let github: GitHubApiServer;
  const standIn = new Map<string, StandInCommit>();

  before(async () => {
    dev = keys.ssh('dev');
    stranger = keys.ssh('stranger');
    release = keys.pgp('release');
    outsider = keys.pgp('outsider');
    github = await startGitHubApiServer({ token: TOKEN, commits: (sha) => [...standIn].find(([k]) => k.startsWith(sha))?.[1] });
  });
  after(async () => {
    await github.stop();
    for (const r of repos) r.cleanup();
    keys.cleanup();
    rmSync(tempRoot, { recursive: true, force: true });
  });

  function repo(): GitRepo {
    const r = new GitRepo();
    repos.push(r);
    return r;
  }

  function keysPolicy(overrides: Partial<SigningPolicy> = {}): SigningPolicy {
    const text = `${dev.allowedLine('dev@example.com')}\n\n${release.armoredPublic}`;
    return { mode: 'keys', allowedSigners: parseAllowedSigners(text, 'allowed-signers'), trustWebFlow: false, sinceLive: false, ...overrides };
  }

  function verify(r: GitRepo, head: string, policy: SigningPolicy, extra: Partial<VerificationRequest> = {}) {
    return verifyCommitSignatures({ policy, workspace: r.dir, head, tempRoot, ...extra });
  }

  const api = () => createGitHubApi({ token: TOKEN, owner: 'Codertocat', repo: 'Hello-World', apiUrl: github.url });

  it('refuses an unsigned commit, naming it, "unsigned" and what is allowed', async () => {
    const r = repo();
    r.write('a.yaml', 'a: 1\n');
    const sha = r.commit('unsigned');
    const report = await verify(r, sha, keysPolicy());
    assert.equal(isRefused(report), true);
    assert.deepEqual(
      report.verdicts.map((v) => [v.accepted, v.signer]),
      [[false, 'unsigned']],
    );
    const [problem] = refusalProblems(report);
    assert.match(problem?.message ?? '', new RegExp(`^Refusing to apply ${sha.slice(0, 7)}: commit ${sha.slice(0, 7)} is unsigned \\(signer: unsigned\\)\\.`));
    assert.ok(problem?.message.includes(`dev@example.com (SSH key ${parseAllowedSigners(dev.allowedLine('x'), 'i').ssh[0]?.fingerprint})`), problem?.message);
    assert.ok(problem?.message.includes(`release <release@example.com> (OpenPGP key ${release.fingerprint})`), problem?.message);
  });

  it('refuses a commit signed by an SSH key that is not allowed, naming its fingerprint', async () => {
    const r = repo();
    const sha = signedCommit(r, 'by a stranger', stranger);
    const report = await verify(r, sha, keysPolicy());
    const fingerprint = parseAllowedSigners(stranger.allowedLine('x'), 'i').ssh[0]?.fingerprint ?? '';
    assert.deepEqual(
      report.verdicts.map((v) => [v.accepted, v.reason, v.signer]),
      [[false, 'is signed by a key not in allowed-signers', `SSH key ${fingerprint}`]],
    );
  });

  it('refuses a commit signed by an OpenPGP key that is not allowed', async () => {
    const r = repo();
    const sha = signedCommit(r, 'by an outsider', outsider);
    const [v] = (await verify(r, sha, keysPolicy())).verdicts;
    assert.equal(v?.accepted, false);
    assert.equal(v?.reason, 'is signed by a key not in allowed-signers');
    assert.equal(v?.signer, `OpenPGP key ${outsider.fingerprint.slice(-16)}`);
  });

  it('accepts a commit signed by an allowed SSH key', async () => {
    const r = repo();
    const sha = signedCommit(r, 'by dev', dev);
    const report = await verify(r, sha, keysPolicy());
    assert.equal(isRefused(report), false);
    assert.match(report.verdicts[0]?.signer ?? '', /^dev@example\.com \(SSH key SHA256:/);
  });

  it('accepts a commit signed by an allowed OpenPGP key', async () => {
    const r = repo();
    const sha = signedCommit(r, 'by release', release);
    const report = await verify(r, sha, keysPolicy());
    assert.equal(isRefused(report), false, JSON.stringify(report));
    assert.equal(report.verdicts[0]?.signer, `release <release@example.com> (OpenPGP key ${release.fingerprint.slice(-16)})`);
  });

  it('refuses a commit rewritten after it was signed (SSH and OpenPGP)', async () => {
    for (const key of [dev, release]) {
      const r = repo();
      signedCommit(r, 'signed, then rewritten', key);
      const tampered = tamperHead(r);
      const [v] = (await verify(r, tampered, keysPolicy())).verdicts;
      assert.equal(v?.accepted, false, key.kind);
      assert.match(v?.reason ?? '', /^has a bad signature/, key.kind);
    }
  });

  it('since live: refuses an unsigned commit in the middle of the first-parent history, naming where it is', async () => {
    const r = repo();
    const live = signedCommit(r, 'live', dev);
    r.write('b.yaml', 'b: 1\n');
    const middle = r.commit('unsigned in the middle');
    const head = signedCommit(r, 'head', release);
    const report = await verify(r, head, keysPolicy({ sinceLive: true }), { live });
    assert.deepEqual(
      report.verdicts.map((v) => [v.sha, v.accepted]),
      [
        [head, true],
        [middle, false],
      ],
    );
    assert.match(
      refusalProblems(report)[0]?.message ?? '',
      new RegExp(`commit ${middle.slice(0, 7)} \\(between the live commit ${live.slice(0, 7)} and ${head.slice(0, 7)}\\) is unsigned`),
    );
    const headOnly = await verify(r, head, keysPolicy({ sinceLive: false }), { live });
    assert.equal(isRefused(headOnly), false, 'without since-live only the applied commit counts');
  });

  it('since live: a shallow clone without the live commit is a clear refusal naming fetch-depth 0, never a pass', async () => {
    const r = repo();
    const live = signedCommit(r, 'live', dev);
    signedCommit(r, 'second', dev);
    const head = signedCommit(r, 'head', dev);
    const shallow = repo();
    rmSync(shallow.dir, { recursive: true, force: true });
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${r.dir}`, shallow.dir]);
    const report = await verify(shallow, head, keysPolicy({ sinceLive: true }), { live });
    assert.equal(isRefused(report), true);
    assert.match(report.missing ?? '', new RegExp(`the live commit ${live.slice(0, 7)} is not in the checkout \\(a shallow clone\\).*fetch-depth: 0`));
  });

  it("web-flow: refused unless trusted, and then only as GitHub's verification confirms it", async () => {
    const r = repo();
    const webFlow = keys.pgp('webflow');
    const sha = signedCommit(r, 'merged in the web UI', webFlow);
    const extra = { webFlowKeys: [webFlow.fingerprint] };
    const untrusted = await verify(r, sha, keysPolicy(), extra);
    assert.match(untrusted.verdicts[0]?.reason ?? '', /web-flow key .* trust-github-web-flow is false/);
    assert.equal(untrusted.verdicts[0]?.signer, "GitHub's web-flow key");
    const withoutApi = await verify(r, sha, keysPolicy({ trustWebFlow: true }), extra);
    assert.match(withoutApi.verdicts[0]?.reason ?? '', /did not confirm/);
    standIn.set(sha, { verified: true, reason: 'valid', committer: { name: 'GitHub', email: 'noreply@github.com' }, login: 'web-flow' });
    const confirmed = await verify(r, sha, keysPolicy({ trustWebFlow: true }), { ...extra, github: api() });
    assert.equal(isRefused(confirmed), false, JSON.stringify(confirmed));
    assert.deepEqual(github.unexpected, []);
  });

  it("github mode: GitHub's verified passes, unsigned and unverified are refused, web-flow only when trusted", async () => {
    const r = repo();
    const said: StandInCommit[] = [
      { verified: true, reason: 'valid', committer: { name: 'Dev', email: 'dev@example.com' }, login: 'dev' },
      { verified: false, reason: 'unsigned' },
      { verified: false, reason: 'unknown_key', login: 'dev' },
      { verified: true, reason: 'valid', committer: { name: 'GitHub', email: 'noreply@github.com' }, login: 'web-flow' },
    ];
    const policy: SigningPolicy = { ...keysPolicy(), mode: 'github' };
    // Real commits in the checkout; what GitHub says about each is the stand-in's.
    const commits = said.map((info, n) => {
      r.write('n.txt', String(n));
      const sha = r.commit(`commit ${n}`);
      standIn.set(sha, info);
      return sha;
    });
    const results = [];
    for (const c of commits) results.push((await verifyCommitSignatures({ policy, workspace: r.dir, head: c, tempRoot, github: api() })).verdicts[0]);
    assert.deepEqual(
      results.map((v) => [v?.accepted, v?.reason]),
      [
        [true, 'is verified by GitHub'],
        [false, 'is unsigned'],
        [false, 'is not verified by GitHub (reason: unknown_key)'],
        [false, "is signed by GitHub's web-flow key (a merge or squash made in the web UI), and trust-github-web-flow is false"],
      ],
    );
    const trusted = await verifyCommitSignatures({
      policy: { ...policy, trustWebFlow: true },
      workspace: r.dir,
      head: commits[3] ?? '',
      tempRoot,
      github: api(),
    });
    assert.equal(isRefused(trusted), false);
    assert.ok(github.requests.some((q) => q.path === `/repos/Codertocat/Hello-World/commits/${commits[0]}`));
    assert.deepEqual(github.unexpected, []);
  });

  it('github mode without a token is a configuration error naming the input', async () => {
    const r = repo();
    const sha = r.commit('x');
    await assert.rejects(verify(r, sha, { ...keysPolicy(), mode: 'github' }), /'verify-commits: github' asks GitHub's API, and no github-token/);
  });

  it('leaves no key file behind in the temporary directory', async () => {
    const r = repo();
    const sha = signedCommit(r, 'by dev', dev);
    await verify(r, sha, keysPolicy());
    assert.deepEqual(readdirSync(tempRoot), []);
  });
});
