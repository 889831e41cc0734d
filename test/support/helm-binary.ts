// The helm CLI the tests use: built from Go modules by test/cluster/build-helm.sh on first use
// (cached in ~/.cache/kube-gitops/tools/<key>), then reused. The engine finds helm on PATH, so
// tests put its directory first on PATH with `withHelmOnPath`.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const script = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'cluster', 'build-helm.sh');
let built: Promise<string> | undefined;

/** The directory holding the helm binary; builds it once per machine. */
export function helmDirectory(): Promise<string> {
  built ??= new Promise((resolve, reject) => {
    const child = spawn('bash', [script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      process.stderr.write(d);
    });
    child.on('error', (e) => reject(new Error(`cannot run test/cluster/build-helm.sh: ${e.message}`)));
    child.on('close', (code) => {
      if (code === 0) resolve(out.trim().split('\n').pop() ?? '');
      else reject(new Error(`building helm failed (exit ${code}):\n${err.split('\n').slice(-25).join('\n')}`));
    });
  });
  return built;
}

/** The helm binary's path. */
export async function helmBinary(): Promise<string> {
  return path.join(await helmDirectory(), 'helm');
}

/** Puts helm's directory first on this process's PATH (what the engine searches); returns the restore. */
export async function withHelmOnPath(): Promise<() => void> {
  const before = process.env.PATH;
  process.env.PATH = `${await helmDirectory()}${path.delimiter}${before ?? ''}`;
  return () => {
    if (before === undefined) delete process.env.PATH;
    else process.env.PATH = before;
  };
}
