// The peers the bench runs beside kube-gitops, each as a whole process with its waiting off:
// kapp (Carvel) and flux-ssa (our driver of Flux's server-side apply engine, fluxcd/pkg/ssa, with
// kustomize-controller's options), built from Go modules on first use by test/cluster/build-*.sh
// and cached outside the repository; and kube-gitops itself as a process (`node dist/cli.js`).
// kluctl is not run: it could not be built from the Go module proxy (see docs/speed.md).
import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { concurrency, root } from './bench-kit.js';

export interface Peers {
  kapp: string;
  fluxSsa: string;
  /** How long each build took when it was made (seconds; a cached build reports its first build). */
  buildSeconds: Record<'kapp' | 'flux-ssa', number>;
}

/** Runs test/cluster/build-NAME.sh (cached after the first build) and returns its binary's path. */
function build(name: 'kapp' | 'flux-ssa'): Promise<{ bin: string; seconds: number }> {
  return new Promise((resolve, reject) => {
    process.stderr.write(`[bench] ${name}: building or reusing the cached build (the first build takes minutes)\n`);
    const child = spawn('bash', [path.join(root, `test/cluster/build-${name}.sh`)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => {
      const dir = out.trim().split('\n').at(-1) ?? '';
      const bin = path.join(dir, name);
      if (code !== 0 || !existsSync(bin)) return reject(new Error(`test/cluster/build-${name}.sh exited ${code}`));
      const secondsFile = path.join(dir, '.build-seconds');
      resolve({ bin, seconds: existsSync(secondsFile) ? Number(readFileSync(secondsFile, 'utf8')) : NaN });
    });
  });
}

export async function buildPeers(): Promise<Peers> {
  // One after the other: two Go builds at once on 2 cores take as long and starve the cluster more.
  const kapp = await build('kapp');
  const flux = await build('flux-ssa');
  return { kapp: kapp.bin, fluxSsa: flux.bin, buildSeconds: { kapp: kapp.seconds, 'flux-ssa': flux.seconds } };
}

export interface ProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to its exit; rejects when its exit code is not one of `ok`. */
export function runProcess(
  file: string,
  argv: string[],
  opts: { cwd?: string; ok?: number[] | undefined; env?: Record<string, string> } = {},
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    execFile(file, argv, { cwd: opts.cwd, env: { ...process.env, ...opts.env }, maxBuffer: 512 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      if ((opts.ok ?? [0]).includes(code)) resolve({ code, stdout, stderr });
      else reject(new Error(`${path.basename(file)} ${argv.slice(0, 2).join(' ')} exited ${code}: ${(stderr || stdout).slice(0, 600)}`));
    });
  });
}

/** Where a set lives and who owns it, for the process tools. */
export interface SetTarget {
  dir: string;
  /** Target, app or Kustomization name. */
  name: string;
  /** The namespace of the set's first objects: ApplySet parent, kapp's app record. */
  ns: string;
  kubeconfigFile: string;
  /** flux-ssa's inventory file (its stand-in for the Kustomization's status.inventory). */
  inventory: string;
}

/**
 * Each tool's plan and apply, waits off. kapp: `deploy --diff-run` (its plan: a GET per object and
 * a local diff, no dry-run) and `deploy --yes --wait=false` (its default apply strategy; it prunes
 * what left the set). flux-ssa: Diff per object; ApplyAllStaged then DeleteAll. kube-gitops:
 * `plan` and `apply --yes --wait=false`, at the bench's concurrency.
 */
export const commands = {
  kapp: {
    plan: (p: Peers, t: SetTarget, ok?: number[]) => runProcess(p.kapp, [...kappArgs(t), '--diff-run'], { ok }),
    apply: (p: Peers, t: SetTarget, ok?: number[]) => runProcess(p.kapp, [...kappArgs(t), '--yes', '--wait=false'], { ok }),
  },
  'flux-ssa': {
    plan: (p: Peers, t: SetTarget, ok?: number[]) => runProcess(p.fluxSsa, ['plan', '-kubeconfig', t.kubeconfigFile, '-dir', t.dir], { ok }),
    apply: (p: Peers, t: SetTarget, ok?: number[]) =>
      runProcess(p.fluxSsa, ['apply', '-kubeconfig', t.kubeconfigFile, '-dir', t.dir, '-inventory', t.inventory], { ok }),
  },
  'kube-gitops-process': {
    plan: (_p: Peers, t: SetTarget, ok?: number[]) => runProcess(process.execPath, cliArgs('plan', t), { cwd: t.dir, ok }),
    apply: (_p: Peers, t: SetTarget, ok?: number[]) => runProcess(process.execPath, [...cliArgs('apply', t), '--yes', '--wait=false'], { cwd: t.dir, ok }),
  },
} as const;

function kappArgs(t: SetTarget): string[] {
  return ['deploy', '--kubeconfig', t.kubeconfigFile, '-a', t.name, '-n', t.ns, '-f', t.dir, '--tty=false', '--color=false'];
}

function cliArgs(command: 'plan' | 'apply', t: SetTarget): string[] {
  return [
    path.join(root, 'dist/cli.js'),
    command,
    '--kubeconfig',
    t.kubeconfigFile,
    '--path',
    '.',
    '--name',
    t.name,
    '--namespace',
    t.ns,
    '--concurrency',
    String(concurrency),
  ];
}

export function kappVersion(p: Peers): Promise<string> {
  return runProcess(p.kapp, ['version']).then(
    (r) => /kapp version (\S+)/.exec(r.stdout)?.[1] ?? 'unknown',
    () => 'unknown',
  );
}
