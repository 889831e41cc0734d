import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigurationError } from '../../../src/model/errors.js';
import { readSettings } from '../../../src/settings/read-settings.js';
import { parseAllowedSigners } from '../../../src/signing/allowed-signers.js';
import { openSignerKeyring } from '../../../src/signing/signer-keyring.js';
import { SigningKeys } from '../../support/signing-keys.js';

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIF26X59ybPzqrjzhm1KAhp7NCUKWgA23DVuEmBj5+No/';

function settings(values: Record<string, string>) {
  return readSettings((name) => values[name] ?? '', { GITHUB_WORKSPACE: '/ws' });
}

function rejectsWith(fn: () => unknown, pattern: RegExp, input: string): void {
  assert.throws(fn, (e: unknown) => e instanceof ConfigurationError && pattern.test(e.message) && e.input === input);
}

describe('the signed-commit inputs', () => {
  const keys = new SigningKeys();
  const tempRoot = mkdtempSync(path.join(os.tmpdir(), 'kube-gitops-keyring-test-'));
  after(() => {
    keys.cleanup();
    rmSync(tempRoot, { recursive: true, force: true });
  });

  it('are off by default', () => {
    assert.deepEqual(settings({}).signing, { mode: 'off', allowedSigners: { ssh: [], pgp: [] }, trustWebFlow: false, sinceLive: false });
  });

  it('read allowed_signers lines (with options and comments) and OpenPGP blocks in any order, each at its line', () => {
    const pgp = keys.pgp('settings');
    const text = `# team\ndev@example.com namespaces="git",valid-after="20260101" ${KEY} laptop\n\n${pgp.armoredPublic}ops@example.com ${KEY}\n`;
    const s = settings({ 'verify-commits': 'keys', 'allowed-signers': text, 'trust-github-web-flow': 'true', 'verify-commits-since-live': 'true' }).signing;
    assert.equal(s?.mode, 'keys');
    assert.deepEqual(
      s?.allowedSigners.ssh.map((x) => [x.principals, x.lineNumber, x.fingerprint]),
      [
        ['dev@example.com', 2, 'SHA256:ZAn2e81Rs1H69uqKDfxMntBPMw4Yru4sxq3Gfq17jQI'],
        ['ops@example.com', 4 + pgp.armoredPublic.trim().split('\n').length, 'SHA256:ZAn2e81Rs1H69uqKDfxMntBPMw4Yru4sxq3Gfq17jQI'],
      ],
    );
    assert.deepEqual(
      s?.allowedSigners.pgp.map((b) => b.lineNumber),
      [4],
    );
    assert.equal(s?.trustWebFlow, true);
    assert.equal(s?.sinceLive, true);
  });

  it('refuse a mode that does not exist, and keys without any key', () => {
    rejectsWith(() => settings({ 'verify-commits': 'gpg' }), /^Input 'verify-commits' must be off, keys or github; got 'gpg'\.$/, 'verify-commits');
    rejectsWith(() => settings({ 'verify-commits': 'keys', 'allowed-signers': '# nobody yet\n' }), /'allowed-signers' lists no key/, 'allowed-signers');
  });

  it('name the line of an entry that is not a key, a bare key, a broken key and an unterminated block', () => {
    const parse = (text: string) => () => parseAllowedSigners(text, 'allowed-signers');
    rejectsWith(parse('dev@example.com\nhello world'), /^Input 'allowed-signers' line 1 is neither an allowed_signers entry/, 'allowed-signers');
    rejectsWith(parse(`\n${KEY} laptop`), /^Input 'allowed-signers' line 2 is a bare SSH public key: put the signer's principal first/, 'allowed-signers');
    rejectsWith(
      parse('dev@example.com ssh-ed25519 AAAAB3NzaC1yc2EAAAADAQAB'),
      /line 1: the ssh-ed25519 key is not a valid base64 public key of that type/,
      'allowed-signers',
    );
    rejectsWith(
      parse('-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQINBF\n'),
      /line 1: the OpenPGP key block has no '-----END PGP PUBLIC KEY BLOCK-----' line/,
      'allowed-signers',
    );
  });

  it('refuse an OpenPGP block gpg cannot read, naming its line, and leave nothing behind', async () => {
    const signers = parseAllowedSigners(
      `dev@example.com ${KEY}\n-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nbm90IGEga2V5\n-----END PGP PUBLIC KEY BLOCK-----\n`,
      'allowed-signers',
    );
    await assert.rejects(
      openSignerKeyring(signers, tempRoot),
      /^ConfigurationError: Input 'allowed-signers' line 2: the OpenPGP block holds no public key gpg can read\.$/,
    );
    assert.deepEqual(readdirSync(tempRoot), []);
  });

  it('write the keys to a private directory (0700, files 0600) and remove it on close', async () => {
    const pgp = keys.pgp('perms');
    const keyring = await openSignerKeyring(parseAllowedSigners(`dev@example.com ${KEY}\n${pgp.armoredPublic}`, 'allowed-signers'), tempRoot);
    try {
      assert.equal(statSync(path.dirname(keyring.allowedSignersFile)).mode & 0o777, 0o700);
      assert.equal(statSync(keyring.allowedSignersFile).mode & 0o777, 0o600);
      assert.equal(statSync(keyring.gnupgHome).mode & 0o777, 0o700);
      assert.deepEqual(keyring.pgpKeys, [{ fingerprint: pgp.fingerprint, uid: 'perms <perms@example.com>' }]);
    } finally {
      await keyring.close();
    }
    assert.deepEqual(readdirSync(tempRoot), []);
  });
});
