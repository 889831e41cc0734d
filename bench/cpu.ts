// npm run bench -- --cpu N / --scale: where the time of a plan and a first apply goes (CPU per
// control plane process, API requests), and how our first apply grows from 500 to 2000 objects.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestCluster } from '../test/support/test-cluster.js';
import { freshSet, kubectlBinary, kubectlRun, median, oursApply, oursPlan, tearDown, time } from './bench-kit.js';

type Tool = 'kubectl' | 'kube-gitops';

/** CPU seconds used so far: the whole machine (busy jiffies of /proc/stat) and each control plane process. */
export function cpuNow(c: TestCluster): { machine: number; parts: Record<string, number> } {
  const hz = 100;
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const busy = cpu.reduce((a, b) => a + b, 0) - (cpu[3] ?? 0) - (cpu[4] ?? 0);
  const parts: Record<string, number> = {};
  for (const [name, pid] of Object.entries(c.state.pids)) {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    parts[name] = (Number(fields[11]) + Number(fields[12])) / hz;
  }
  return { machine: busy / hz, parts };
}

/** apiserver_request_total from the API server's /metrics, per verb and resource (dry-runs apart). */
export function apiRequests(c: TestCluster): Promise<Map<string, number>> {
  return new Promise((resolve, reject) =>
    execFile(kubectlBinary(c), [`--kubeconfig=${c.state.kubeconfig}`, 'get', '--raw', '/metrics'], { maxBuffer: 64 * 1024 * 1024 }, (error, out) => {
      if (error) return reject(error);
      const counts = new Map<string, number>();
      for (const m of out.matchAll(/^apiserver_request_total\{([^}]*)\} (\S+)$/gm)) {
        const labels = Object.fromEntries([...m[1]!.matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]]));
        if (!labels.resource) continue;
        const key = `${labels.verb} ${labels.resource}${labels.subresource ? `/${labels.subresource}` : ''}${labels.dry_run ? ' (dry-run)' : ''}`;
        counts.set(key, (counts.get(key) ?? 0) + Number(m[2]));
      }
      resolve(counts);
    }),
  );
}

/** The kinds the generated sets hold (and the ApplySet parent): requests for anything else come from other clients. */
export const SET_RESOURCES = new Set(['configmaps', 'services', 'deployments', 'secrets', 'namespaces']);

/**
 * --cpu N: where the time of a plan and a first apply of N objects goes, per tool: wall time, how busy
 * the machine's cores were, the CPU seconds of each control plane process (the rest is the tool), and
 * the API requests served meanwhile: the tool's own (on the set's kinds) and the controllers'
 * (ReplicaSets, Pods, bindings, EndpointSlices, Events... that the new objects set off). Each tool
 * plans once, untimed, before the measured steps (warm caches and JIT, as in the comparison).
 */
export async function cpuShare(c: TestCluster, n: number, work: string): Promise<void> {
  const cores = os.availableParallelism();
  const rows: string[] = [];
  process.stdout.write(
    `\n| tool | scenario (N=${n}) | wall s | cores busy | ${Object.keys(c.state.pids).join(' s | ')} s | tool and rest s |\n|${' --- |'.repeat(5 + Object.keys(c.state.pids).length)}\n`,
  );
  for (const tool of ['kubectl', 'kube-gitops'] as Tool[]) {
    const ns = `bench-cpu-${tool === 'kubectl' ? 'k' : 'g'}`;
    const { dir } = await freshSet(c, ns, path.join(work, `cpu-${tool}`), n);
    const plan = tool === 'kubectl' ? () => kubectlRun(c, ['diff', '--server-side', '-f', dir], [0, 1]) : () => oursPlan(c, dir, 'cpu', ns);
    const apply =
      tool === 'kubectl'
        ? () => kubectlRun(c, ['apply', '--server-side', '--prune', `--applyset=secret/cpu`, '-n', ns, '-f', dir])
        : () => oursApply(c, dir, 'cpu', ns);
    await plan();
    for (const [scenario, step] of [
      ['plan-empty', plan],
      ['apply-first', apply],
    ] as const) {
      const [before, requestsBefore] = [cpuNow(c), await apiRequests(c)];
      const wall = (await time(step)) / 1000;
      const [after, requestsAfter] = [cpuNow(c), await apiRequests(c)];
      const parts = Object.keys(before.parts).map((k) => after.parts[k]! - before.parts[k]!);
      const machine = after.machine - before.machine;
      const rest = machine - parts.reduce((a, b) => a + b, 0);
      process.stdout.write(
        `| ${tool} | ${scenario} | ${wall.toFixed(2)} | ${Math.round((100 * machine) / (wall * cores))}% of ${cores} | ${parts.map((x) => x.toFixed(2)).join(' | ')} | ${rest.toFixed(2)} |\n`,
      );
      const served = [...requestsAfter]
        .map(([k, v]) => [k, v - (requestsBefore.get(k) ?? 0)] as const)
        .filter(([, v]) => v > 0)
        .sort((a, b) => b[1] - a[1]);
      const own = served.filter(([k]) => SET_RESOURCES.has(k.split(' ')[1]!));
      const others = served.filter(([k]) => !SET_RESOURCES.has(k.split(' ')[1]!));
      const sum = (xs: (readonly [string, number])[]) => xs.reduce((a, [, v]) => a + v, 0);
      rows.push(
        `| ${tool} | ${scenario} | ${sum(own)}: ${own
          .slice(0, 4)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')} | ${sum(others)}: ${others
          .slice(0, 5)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')} |`,
      );
    }
    await tearDown(c, ns);
  }
  process.stdout.write(
    `\n| tool | scenario | API requests on the set's kinds (most frequent) | requests by other clients meanwhile (most frequent) |\n| --- | --- | --- | --- |\n${rows.join('\n')}\n`,
  );
}

/**
 * --scale: our first apply of N=500 and N=2000 objects alone on the cluster (each set torn down before
 * the next), alternating sizes: how the time grows with N, without the comparison's earlier
 * namespaces on the cluster (they slow the controllers and the API server for both tools).
 */
export async function scaling(c: TestCluster, work: string, runs: number): Promise<void> {
  const sizesToScale = [500, 2000];
  const samples = new Map<number, number[]>(sizesToScale.map((n) => [n, []]));
  for (let run = 0; run < runs; run++) {
    for (const n of sizesToScale) {
      const ns = `bench-scale-${n}`;
      const { dir } = await freshSet(c, ns, path.join(work, `scale-${n}`), n);
      samples.get(n)!.push(await time(() => oursApply(c, dir, `scale${n}`, ns)));
      await tearDown(c, ns);
    }
  }
  const [small, large] = sizesToScale.map((n) => median(samples.get(n)!));
  process.stdout.write(
    `apply-first alone, ${runs} runs: N=500 ${Math.round(small!)} ms (${samples.get(500)!.map(Math.round).join(', ')}), N=2000 ${Math.round(large!)} ms (${samples.get(2000)!.map(Math.round).join(', ')}): ${(large! / small!).toFixed(2)}×\n`,
  );
}
