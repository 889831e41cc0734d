// An allowed key whose own allowed-signers line refuses the signature (namespaces= without "git",
// valid-before in the past, valid-after in the future) is refused with that reason, not as a
// rewritten commit or an unknown key: real ssh-keygen and git, as commit-signing.test.ts.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseAllowedSigners } from '../../../src/signing/allowed-signers.js';
import { isRefused, verifyCommitSignatures } from '../../../src/signing/commit-verification.js';
import { refusalProblems } from '../../../src/signing/signature-refusal.js';
import type { SigningPolicy } from '../../../src/signing/signing-policy.js';
import { GitRepo } from '../../support/git-repo.js';
import { SigningKeys, signedCommit, tamperHead, type SshSigningKey } from '../../support/signing-keys.js';

describe('an allowed key refused by its own allowed-signers line', () => {
  const keys = new SigningKeys();
  const tempRoot = mkdtempSync(path.join(os.tmpdir(), 'kube-gitops-restrictions-'));
  const repos: GitRepo[] = [];
  let dev: SshSigningKey;

  before(() => {
    dev = keys.ssh('dev');
  });
  after(() => {
    for (const r of repos) r.cleanup();
    keys.cleanup();
    rmSync(tempRoot, { recursive: true, force: true });
  });

  /** The verdict of a commit signed by dev, verified against dev's key with `options` on its line. */
  async function verdictWith(options: string, tamper = false) {
    const r = new GitRepo();
    repos.push(r);
    r.write('a.yaml', 'a: 1\n');
    let sha = signedCommit(r, 'by dev', dev);
    if (tamper) sha = tamperHead(r);
    const [principal, ...key] = dev.allowedLine('dev@example.com').split(' ');
    const line = [principal, options, ...key].filter((t) => t !== '').join(' ');
    const policy: SigningPolicy = { mode: 'keys', allowedSigners: parseAllowedSigners(line, 'allowed-signers'), trustWebFlow: false, sinceLive: false };
    const report = await verifyCommitSignatures({ policy, workspace: r.dir, head: sha, tempRoot });
    assert.equal(isRefused(report), options !== '' || tamper, JSON.stringify(report));
    return { verdict: report.verdicts[0], message: refusalProblems(report)[0]?.message ?? '' };
  }

  it('says a key listed with namespaces="file" is not allowed for git signatures, not that the commit was changed', async () => {
    const { verdict, message } = await verdictWith('namespaces="file"');
    assert.equal(
      verdict?.reason,
      'is signed by a key whose allowed-signers line does not allow the "git" namespace (its namespaces= option must include "git" for commit signatures)',
    );
    assert.doesNotMatch(message, /changed after it was signed/);
  });

  it('says a key whose valid-before has passed expired, not that it is not in allowed-signers', async () => {
    const { verdict, message } = await verdictWith('valid-before="20200101"');
    assert.equal(verdict?.reason, 'is signed by a key whose allowed-signers line expired (valid-before 2020-01-01T00:00:00)');
    assert.doesNotMatch(message, /not in allowed-signers/);
    assert.match(verdict?.signer ?? '', /^SSH key SHA256:/);
  });

  it('says a key whose valid-after is still ahead is not valid yet', async () => {
    const { verdict } = await verdictWith('valid-after="20990101"');
    assert.equal(verdict?.reason, 'is signed by a key whose allowed-signers line is not valid yet (valid-after 2099-01-01T00:00:00)');
  });

  it('still calls a rewritten commit a bad signature, and accepts the key without options', async () => {
    assert.match((await verdictWith('', true)).verdict?.reason ?? '', /^has a bad signature: the commit was changed after it was signed/);
    assert.equal((await verdictWith('')).verdict?.accepted, true);
  });
});
