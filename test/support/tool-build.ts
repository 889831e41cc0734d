// Runs one of test/cluster/build-*.sh once per process: each builds its Go tools on first use on a
// machine (cached in ~/.cache/kube-gitops/tools/<key>) and prints the directory holding them last.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const clusterDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'cluster');
const built = new Map<string, Promise<string>>();

/** The directory the build script `name` (e.g. `build-helm.sh`) prints; builds once. */
export function toolDirectory(name: string, what: string): Promise<string> {
  let dir = built.get(name);
  if (!dir) {
    dir = runBuild(path.join(clusterDir, name), what);
    built.set(name, dir);
  }
  return dir;
}

function runBuild(script: string, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      process.stderr.write(d);
    });
    child.on('error', (e) => reject(new Error(`cannot run test/cluster/${path.basename(script)}: ${e.message}`)));
    child.on('close', (code) => {
      if (code === 0) resolve(out.trim().split('\n').pop() ?? '');
      else reject(new Error(`building ${what} failed (exit ${code}):\n${err.split('\n').slice(-25).join('\n')}`));
    });
  });
}

/** Puts `dir` first on this process's PATH (what the engine searches); returns the restore. */
export function withDirectoryOnPath(dir: string): () => void {
  const before = process.env.PATH;
  process.env.PATH = `${dir}${path.delimiter}${before ?? ''}`;
  return () => {
    if (before === undefined) delete process.env.PATH;
    else process.env.PATH = before;
  };
}
