// The fleet's live plans: 100 targets × 500 objects, half on each of the two local control planes,
// each target planned as its matrix job plans it (one `kube-gitops plan --target NAME` process from
// spawn to exit, 4 at a time, as a matrix with max-parallel 4 runs them), and when asked the whole
// fleet as one `kube-gitops plan --all --parallel 4` process. Figures: per-target p50 and p95, the
// fleet's wall time and the one process's peak RSS. The fleet comment built from 100 plan files is
// fleet-comment.ts's figure. `node --import tsx bench/fleet-plans.ts [--targets N] [--objects N] [--all]`.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dump as stringify, load as parse } from 'js-yaml';
import { mapLimit } from '../src/concurrency/map-limit.js';
import { secondTestCluster, testCluster, type TestCluster } from '../test/support/test-cluster.js';
import { kubectlRun, median, root, writeSet } from './bench-kit.js';

export interface FleetPlanFigures {
  targets: number;
  objectsPerTarget: number;
  perTargetP50Ms: number;
  perTargetP95Ms: number;
  /** Every target's process, 4 at a time: first spawn to last exit. */
  matrixWallMs: number;
  /** `plan --all --parallel 4`, one process (only when asked: `--fleet-all`). */
  allWallMs?: number;
  allPeakRssMb?: number;
}

type Kubeconfig = { clusters: { name: string; cluster: object }[]; users: { name: string; user: object }[] };

/** One kubeconfig with a context per plane, `main` and `second`. */
function fleetKubeconfig(planes: [string, TestCluster][]): string {
  const named = planes.map(([name, c]) => {
    const kc = parse(c.kubeconfigText) as Kubeconfig;
    return { name, cluster: kc.clusters[0]!.cluster, user: kc.users[0]!.user };
  });
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: named.map((p) => ({ name: p.name, cluster: p.cluster })),
    users: named.map((p) => ({ name: p.name, user: p.user })),
    contexts: named.map((p) => ({ name: p.name, context: { cluster: p.name, user: p.name } })),
    'current-context': 'main',
  });
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
}

/** Spawn to exit of `node dist/cli.js ARGS`; with `rss`, its peak RSS (MB) from GNU time's report. */
function cli(args: string[], cwd: string): Promise<{ ms: number; rssMb: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) =>
    execFile(
      '/usr/bin/time',
      ['-f', 'rss=%M', process.execPath, path.join(root, 'dist/cli.js'), ...args],
      { cwd, maxBuffer: 512 << 20 },
      (error, _out, err) => {
        // Exit 2 is "changes found" with --exit-code; plan without it exits 0 (1 on a problem).
        if (error) return reject(new Error(`kube-gitops ${args.join(' ')}: ${err.slice(-600)}`));
        resolve({ ms: performance.now() - started, rssMb: Math.round(Number(/rss=(\d+)/.exec(err)?.[1] ?? NaN) / 1024) });
      },
    ),
  );
}

export async function measureFleetPlans(targets = 100, objects = 500, withAll = false): Promise<FleetPlanFigures> {
  const planes: [string, TestCluster][] = [
    ['main', await testCluster()],
    ['second', await secondTestCluster()],
  ];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kg-bench-fleet-plans-'));
  const names = Array.from({ length: targets }, (_, t) => `fleet-${t}`);
  try {
    const entries = names.map((name, t) => {
      writeSet(
        path.join(dir, name),
        objects,
        [name],
        () => false,
        () => true,
      );
      return { name, path: name, namespace: name, context: planes[t % 2]![0] };
    });
    writeFileSync(path.join(dir, 'kube-gitops.yaml'), stringify({ targets: entries }));
    const kubeconfig = path.join(dir, '..', `${path.basename(dir)}.kubeconfig`);
    writeFileSync(kubeconfig, fleetKubeconfig(planes), { mode: 0o600 });
    for (const [plane, c] of planes) {
      const mine = entries.filter((e) => e.context === plane).map((e) => e.name);
      mkdirSync(path.join(dir, '.ns'), { recursive: true });
      const file = path.join(dir, '.ns', `${plane}.yaml`);
      writeFileSync(file, mine.map((n) => `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${n}}\n`).join('---\n'));
      await kubectlRun(c, ['apply', '-f', file]);
    }
    const matrixStart = performance.now();
    const runs = await mapLimit(names, 4, (name) => cli(['plan', '--target', name, '--kubeconfig', kubeconfig, '-o', 'json'], dir));
    const matrixWallMs = performance.now() - matrixStart;
    const ms = runs.map((r) => {
      if (!r.ok) throw r.error;
      return r.value.ms;
    });
    const all = withAll ? await cli(['plan', '--all', '--parallel', '4', '--kubeconfig', kubeconfig, '-o', 'json'], dir) : undefined;
    return {
      targets,
      objectsPerTarget: objects,
      perTargetP50Ms: Math.round(median(ms)),
      perTargetP95Ms: Math.round(percentile(ms, 95)),
      matrixWallMs: Math.round(matrixWallMs),
      ...(all ? { allWallMs: Math.round(all.ms), allPeakRssMb: all.rssMb } : {}),
    };
  } finally {
    for (const [, c] of planes) await kubectlRun(c, ['delete', 'namespace', ...names, '--ignore-not-found', '--wait=false']).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

export function fleetPlanFiguresText(f: FleetPlanFigures): string {
  return (
    `fleet plans, ${f.targets} targets × ${f.objectsPerTarget} objects on two control planes: per target (one process each, 4 at a time) ` +
    `p50 ${f.perTargetP50Ms} ms, p95 ${f.perTargetP95Ms} ms, all ${f.matrixWallMs} ms` +
    (f.allWallMs === undefined ? '' : `; plan --all --parallel 4: ${f.allWallMs} ms, peak RSS ${f.allPeakRssMb} MB`)
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === new URL(import.meta.url).pathname) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? Number(process.argv[i + 1]) : undefined;
  };
  measureFleetPlans(arg('targets'), arg('objects'), process.argv.includes('--all')).then(
    (f) => process.stdout.write(`${fleetPlanFiguresText(f)}\n${JSON.stringify(f)}\n`),
    (error: unknown) => {
      process.stderr.write(`fleet plans bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
