// The bundles users run: dist/index.js (the Action, with licenses.txt) and the command line's
// dist/cli-main.js, each one file made by ncc, started by dist/cli.js (scripts/cli-launcher.js: the
// Node version check and the compile cache). `npm run build` writes them to dist/; the dist-fresh test writes
// them to a temporary directory and compares.
import { execFile } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const nccBin = path.join(root, 'node_modules/.bin/ncc');
const FLAGS = ['-m', '--target', 'es2023', '--quiet'];

function ncc(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(nccBin, args, { cwd: root, maxBuffer: 64 * 1024 * 1024 }, (error, _stdout, stderr) =>
      error ? reject(new Error(`ncc ${args.join(' ')} failed:\n${stderr}`)) : resolve(),
    );
  });
}

/** Both bundles at once (one core each). */
export async function buildBundles(outDir: string): Promise<void> {
  const cliDir = mkdtempSync(path.join(os.tmpdir(), 'kube-gitops-cli-'));
  try {
    await Promise.all([
      ncc(['build', 'src/main.ts', '-o', outDir, '--license', 'licenses.txt', ...FLAGS]),
      ncc(['build', 'src/cli.ts', '-o', cliDir, ...FLAGS]),
    ]);
    copyFileSync(path.join(cliDir, 'index.js'), path.join(outDir, 'cli-main.js'));
    copyFileSync(path.join(root, 'scripts/cli-launcher.js'), path.join(outDir, 'cli.js'));
    chmodSync(path.join(outDir, 'cli.js'), 0o755);
  } finally {
    rmSync(cliDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(root, 'scripts/build.ts')) await buildBundles(path.join(root, 'dist'));
