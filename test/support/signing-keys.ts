// Real signing keys made in the test (ssh-keygen, gpg in a temporary GnuPG home each) and commits
// signed with them in a real repository; `tamper` rewrites a signed commit so its signature no longer matches.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { GitRepo } from './git-repo.js';

export interface SshSigningKey {
  kind: 'ssh';
  privateFile: string;
  /** `ssh-ed25519 AAAA… comment` */
  publicKey: string;
  /** The key as an allowed_signers line for `principal`. */
  allowedLine(principal: string): string;
}

export interface PgpSigningKey {
  kind: 'pgp';
  gnupgHome: string;
  fingerprint: string;
  armoredPublic: string;
}

export type SigningKey = SshSigningKey | PgpSigningKey;

export class SigningKeys {
  readonly dir = mkdtempSync(path.join(os.tmpdir(), 'kube-gitops-keys-'));
  private homes: string[] = [];

  ssh(name: string): SshSigningKey {
    const privateFile = path.join(this.dir, name);
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `${name}@example.com`, '-f', privateFile]);
    const publicKey = readFileSync(`${privateFile}.pub`, 'utf8').trim();
    return { kind: 'ssh', privateFile, publicKey, allowedLine: (principal) => `${principal} ${publicKey.split(' ').slice(0, 2).join(' ')}` };
  }

  pgp(name: string): PgpSigningKey {
    const gnupgHome = path.join(this.dir, `gpg-${name}`);
    mkdirSync(gnupgHome, { mode: 0o700 });
    this.homes.push(gnupgHome);
    const gpg = (args: string[]) => execFileSync('gpg', ['--batch', '--no-tty', '--homedir', gnupgHome, ...args], { encoding: 'utf8', stdio: 'pipe' });
    gpg(['--passphrase', '', '--quick-gen-key', `${name} <${name}@example.com>`, 'ed25519', 'sign', 'never']);
    const fingerprint = /^fpr:{9}([0-9A-F]{40}):/m.exec(gpg(['--with-colons', '--list-keys']))?.[1] ?? '';
    return { kind: 'pgp', gnupgHome, fingerprint, armoredPublic: gpg(['--armor', '--export', fingerprint]) };
  }

  cleanup(): void {
    for (const home of this.homes) {
      try {
        execFileSync('gpgconf', ['--kill', 'all'], { env: { ...process.env, GNUPGHOME: home }, stdio: 'ignore' });
      } catch {
        // no agent was started
      }
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Commits everything, signed by `key`, and returns the sha. */
export function signedCommit(repo: GitRepo, message: string, key: SigningKey): string {
  repo.git('add', '-A');
  const args =
    key.kind === 'ssh'
      ? ['-c', 'gpg.format=ssh', '-c', `user.signingkey=${key.privateFile}`]
      : ['-c', 'gpg.format=openpgp', '-c', `user.signingkey=${key.fingerprint}`];
  const env = key.kind === 'pgp' ? { ...process.env, GNUPGHOME: key.gnupgHome } : process.env;
  execFileSync('git', ['-C', repo.dir, ...args, 'commit', '-q', '-S', '--allow-empty', '-m', message], { env, stdio: 'pipe' });
  return repo.git('rev-parse', 'HEAD');
}

/** Rewrites HEAD's commit object (its message changed, its signature kept) and points the branch at it. */
export function tamperHead(repo: GitRepo): string {
  const object = repo.git('cat-file', 'commit', 'HEAD');
  const rewritten = `${object.replace(/\n\n([^\n]*)/, '\n\n$1 (tampered)')}\n`;
  const sha = execFileSync('git', ['-C', repo.dir, 'hash-object', '-t', 'commit', '-w', '--stdin'], { input: rewritten, encoding: 'utf8' }).trim();
  repo.git('update-ref', 'HEAD', sha);
  return sha;
}
