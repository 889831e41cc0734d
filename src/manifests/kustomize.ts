// Renders a kustomization directory with `kustomize build` or `kubectl kustomize`, whichever is on PATH.
import { execFile } from 'node:child_process';
import { ConfigurationError } from '../errors.js';

export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

type Renderer = { command: string; args: (dir: string) => string[] };
let renderer: Promise<Renderer> | undefined;

function runs(command: string, args: string[]): Promise<boolean> {
  return new Promise((resolve) => execFile(command, args, { timeout: 20_000 }, (error) => resolve(!error)));
}

async function findRenderer(): Promise<Renderer> {
  if (await runs('kustomize', ['version'])) return { command: 'kustomize', args: (dir) => ['build', dir] };
  if (await runs('kubectl', ['kustomize', '--help'])) return { command: 'kubectl', args: (dir) => ['kustomize', dir] };
  throw new ConfigurationError('A kustomization was found, but neither `kustomize` nor `kubectl` is on PATH to build it. Install one (GitHub\'s Ubuntu runners have both).', 'path');
}

export class KustomizeBuildError extends Error {
  override name = 'KustomizeBuildError';
}

/** The rendered multi-document YAML of one kustomization directory. */
export async function kustomizeBuild(absDir: string): Promise<string> {
  renderer ??= findRenderer();
  const r = await renderer;
  return new Promise((resolve, reject) => {
    execFile(r.command, r.args(absDir), { maxBuffer: 512 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      const lines = (stderr || error.message).trim().split('\n').filter((l) => l.trim() !== '');
      reject(new KustomizeBuildError(`${r.command} ${r.args('<dir>').join(' ')} failed: ${lines.slice(-6).join(' | ').slice(0, 1500)}`));
    });
  });
}
