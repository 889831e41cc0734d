// Runs dist/cli.js (or KUBE_GITOPS_DIST_CLI, a private build) as a person or a CI script does: in a
// checkout, with arguments, stdin not a terminal, and only the environment given.
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Where the launcher keeps Node's compile cache in tests: HOME is the checkout, and the cache (in
 * the user's cache directory, scripts/cli-launcher.js) must not become an untracked file in it.
 */
const cacheHome = path.join(os.tmpdir(), `kube-gitops-test-cache-${process.getuid?.() ?? 'user'}`);

export function runCliBundle(args: string[], opts: { cwd: string; env?: Record<string, string> }): Promise<CliRun> {
  mkdirSync(cacheHome, { recursive: true, mode: 0o700 });
  const env = { PATH: process.env.PATH ?? '', HOME: opts.cwd, XDG_CACHE_HOME: cacheHome, ...opts.env };
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [process.env.KUBE_GITOPS_DIST_CLI ?? path.join(repoRoot, 'dist/cli.js'), ...args],
      { env, cwd: opts.cwd, maxBuffer: 256 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      },
    );
    child.stdin?.end();
  });
}
