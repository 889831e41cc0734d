// The sops and age-keygen CLIs the tests use: built from Go modules by test/cluster/build-sops.sh on
// first use (cached in ~/.cache/kube-gitops/tools/<key>), then reused. The engine finds sops on
// PATH; tests encrypt with a fresh age key made here.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { toolDirectory, withDirectoryOnPath } from './tool-build.js';

const run = promisify(execFile);

/** The directory holding sops and age-keygen; builds them once per machine. */
export function sopsDirectory(): Promise<string> {
  return toolDirectory('build-sops.sh', 'sops and age-keygen');
}

/** Puts sops' directory first on this process's PATH (what the engine searches); returns the restore. */
export async function withSopsOnPath(): Promise<() => void> {
  return withDirectoryOnPath(await sopsDirectory());
}

export interface AgeKey {
  /** The key file as age-keygen writes it (comments and the AGE-SECRET-KEY-1… line). */
  identity: string;
  /** The AGE-SECRET-KEY-1… line alone. */
  secretLine: string;
  recipient: string;
}

/** A fresh age key pair. */
export async function newAgeKey(): Promise<AgeKey> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kube-gitops-age-'));
  try {
    const file = path.join(dir, 'key.txt');
    await run(path.join(await sopsDirectory(), 'age-keygen'), ['-o', file]);
    const identity = await readFile(file, 'utf8');
    const recipient = /public key: (age1[0-9a-z]+)/.exec(identity)?.[1];
    const secretLine = identity.split('\n').find((l) => l.startsWith('AGE-SECRET-KEY-1'));
    if (!recipient || !secretLine) throw new Error(`age-keygen wrote no key pair:\n${identity.replace(/AGE-SECRET-KEY-1\S+/g, '(key)')}`);
    return { identity, secretLine, recipient };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** `plain` (YAML or JSON text) encrypted for `recipient` with sops, values only, as Flux asks. */
export async function sopsEncrypt(plain: string, recipient: string, format: 'yaml' | 'json' = 'yaml', regex = '^(data|stringData)$'): Promise<string> {
  const sops = path.join(await sopsDirectory(), 'sops');
  return new Promise((resolve, reject) => {
    const child = execFile(
      sops,
      ['encrypt', '--age', recipient, '--encrypted-regex', regex, '--input-type', format, '--output-type', format, '--filename-override', `plain.${format}`],
      { env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir() } },
      (error, stdout, stderr) => (error ? reject(new Error(`sops encrypt failed: ${stderr}`)) : resolve(stdout)),
    );
    child.stdin?.end(plain);
  });
}
