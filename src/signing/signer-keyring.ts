// The allowed keys on disk, for git: an allowed_signers file and a GnuPG home holding the OpenPGP
// keys (marked ultimately trusted: they are the ones the user allows). Both in a private temporary
// directory (0700, files 0600) under RUNNER_TEMP when set, removed by `close`; key text is never logged.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ConfigurationError } from '../model/errors.js';
import { Inputs } from '../model/inputs-outputs.js';
import type { AllowedSigners, PgpKeyBlock } from './allowed-signers.js';
import { runTool } from './signing-tool.js';
import { childEnvironment } from '../tools/child-environment.js';

/** An imported OpenPGP key: its primary fingerprint and first user id. */
export interface PgpKey {
  fingerprint: string;
  uid: string;
}

export interface SignerKeyring {
  allowedSignersFile: string;
  gnupgHome: string;
  pgpKeys: PgpKey[];
  /** Stops any gpg daemon of the home and removes the directory. */
  close(): Promise<void>;
}

export async function openSignerKeyring(signers: AllowedSigners, tempRoot: string): Promise<SignerKeyring> {
  const dir = await mkdtemp(path.join(tempRoot, 'kube-gitops-signers-'));
  const gnupgHome = path.join(dir, 'gnupg');
  const allowedSignersFile = path.join(dir, 'allowed_signers');
  const close = async (): Promise<void> => {
    await runTool('gpgconf', ['--kill', 'all'], { env: childEnvironment('gpg', process.env, { GNUPGHOME: gnupgHome }) }).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await mkdir(gnupgHome, { mode: 0o700 });
    await writeFile(allowedSignersFile, signers.ssh.map((s) => `${s.line}\n`).join(''), { mode: 0o600 });
    const pgpKeys: PgpKey[] = [];
    for (const block of signers.pgp) pgpKeys.push(...(await importBlock(block, gnupgHome)));
    return { allowedSignersFile, gnupgHome, pgpKeys, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The temporary directory the runner gives each job, else the system's. */
export function signingTempRoot(env: NodeJS.ProcessEnv): string {
  return env.RUNNER_TEMP || os.tmpdir();
}

async function importBlock(block: PgpKeyBlock, gnupgHome: string): Promise<PgpKey[]> {
  const gpg = (args: string[], input?: string) => runTool('gpg', ['--batch', '--no-tty', '--homedir', gnupgHome, ...args], { ...(input ? { input } : {}) });
  const shown = await gpg(['--with-colons', '--import-options', 'show-only', '--import'], block.armored);
  const keys = primaryKeys(shown.stdout);
  if (shown.code !== 0 || keys.length === 0) {
    throw new ConfigurationError(
      `Input '${Inputs.AllowedSigners}' line ${block.lineNumber}: the OpenPGP block holds no public key gpg can read.`,
      Inputs.AllowedSigners,
    );
  }
  const imported = await gpg(['--import'], block.armored);
  const trusted = await gpg(['--import-ownertrust'], keys.map((k) => `${k.fingerprint}:6:\n`).join(''));
  if (imported.code !== 0 || trusted.code !== 0) {
    throw new ConfigurationError(`Input '${Inputs.AllowedSigners}' line ${block.lineNumber}: gpg could not import the OpenPGP key.`, Inputs.AllowedSigners);
  }
  return keys;
}

/** Primary keys of gpg's colon listing: each `pub` line, then its `fpr` and first `uid`. */
function primaryKeys(colons: string): PgpKey[] {
  const keys: PgpKey[] = [];
  let current: PgpKey | undefined;
  let inPrimary = false;
  for (const line of colons.split('\n')) {
    const f = line.split(':');
    if (f[0] === 'pub') {
      current = { fingerprint: '', uid: '' };
      keys.push(current);
      inPrimary = true;
    } else if (f[0] === 'sub') inPrimary = false;
    else if (f[0] === 'fpr' && current && inPrimary && current.fingerprint === '') current.fingerprint = f[9] ?? '';
    else if (f[0] === 'uid' && current && current.uid === '') current.uid = unescapeColons(f[9] ?? '');
  }
  return keys.filter((k) => /^[0-9A-F]{40,64}$/.test(k.fingerprint));
}

/** gpg escapes `:` and other bytes in colon listings as `\xNN`. */
function unescapeColons(text: string): string {
  return text.replace(/\\x([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
