// npm run bench: kube-gitops (in-process and as a process) beside kubectl, kapp, Flux's SSA engine
// (bench/peers.ts) and the floor (the scenario's own requests alone, bench/floor.ts) on the local
// control plane, side by side, alternating, median of the runs, every tool through the counting
// proxy (bench/count-proxy.ts); before it, dist/index.js as a workflow step (bench/action-runs.ts). Flags:
// --sizes 100,500,2000 by default; add 10000 for the scale check, which takes about ten minutes more (--size N for one)
// --runs N (default 3 up to 500 objects, 1 above) --out FILE
// --quick (N=100, 3 runs; the extras' loads 3 times, no peak-RSS apply; the dist/index.js steps at 100) --extras-only --rss-size N (the set
// dist/index.js applies for the peak-RSS figure; default 2000, 0: none; above KUBECTL_MAX our first apply of the
// comparison runs as dist/index.js and gives that size's figure)
// --tools kube-gitops,kube-gitops-process,kubectl,kapp,flux-ssa,floor (a subset; kapp and flux-ssa are
// built from Go modules on first use and cached) --no-extras --action-size N (default 500, --quick 100; 0: none)
// --cpu N (only: where the CPU time and API requests of a plan and a first apply of N objects go, per tool)
// --fleet-only (only the fleet comment, bench/fleet-comment.ts, which every run measures first: no cluster needed)
// --scale (only: our first apply of 500 and 2000 objects, each alone on the cluster; --runs sets the count)
// --fleet-plans T (the fleet's live plans, bench/fleet-plans.ts: T targets × 500 objects on the two control planes;
// default 100, --quick 0: none; --fleet-plans-only runs only it; --fleet-all adds one `plan --all` process of every target)
// Results are written after each size, so an interrupted run keeps what it measured.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testCluster } from '../test/support/test-cluster.js';
import { concurrency, kubectlBinary, kubectlVersion, root } from './bench-kit.js';
import { actionRuns, actionTable, type ActionFigure } from './action-runs.js';
import { RequestCounter } from './count-proxy.js';
import { cpuShare, scaling } from './cpu.js';
import { measureExtras } from './extras.js';
import { fleetFiguresText, measureFleetComment } from './fleet-comment.js';
import { fleetPlanFiguresText, measureFleetPlans, type FleetPlanFigures } from './fleet-plans.js';
import { peerTable } from './peer-table.js';
import { buildPeers, kappVersion, type Peers } from './peers.js';
import { measureSize, toolsFor, type SizeResult } from './scenarios.js';
import { validationDemo } from './validation-demo.js';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const quick = args.includes('--quick');
const sizes = args.includes('--extras-only') ? [] : (flag('size') ?? flag('sizes') ?? (quick ? '100' : '100,500,2000')).split(',').map(Number);
const runsFor = (n: number) => Number(flag('runs') ?? (quick ? (n <= 100 ? 3 : 1) : n <= 500 ? 3 : 1));
const outFile = flag('out') ?? path.join(root, 'bench/results/latest.json');
const chosen = flag('tools')?.split(',');

async function main(): Promise<void> {
  // The fleet comment first: no cluster, so the cluster's load cannot touch its figures.
  const fleet = await measureFleetComment();
  process.stdout.write(`${fleetFiguresText(fleet)}\n`);
  if (args.includes('--fleet-only')) {
    mkdirSync(path.dirname(outFile), { recursive: true });
    writeFileSync(outFile, JSON.stringify({ date: new Date().toISOString(), fleet }, null, 2));
    return;
  }
  const c = await testCluster();
  // The fleet's live plans: every target a process, as a matrix runs them, and `plan --all`.
  const fleetTargets = Number(flag('fleet-plans') ?? (quick ? 0 : 100));
  let fleetPlans: FleetPlanFigures | undefined;
  if (fleetTargets > 0 && (args.includes('--fleet-plans-only') || sizes.length)) {
    fleetPlans = await measureFleetPlans(fleetTargets, 500, args.includes('--fleet-all'));
    process.stdout.write(`${fleetPlanFiguresText(fleetPlans)}\n`);
  }
  if (args.includes('--fleet-plans-only')) {
    mkdirSync(path.dirname(outFile), { recursive: true });
    writeFileSync(outFile, JSON.stringify({ date: new Date().toISOString(), fleet, fleetPlans }, null, 2));
    return;
  }
  if (args.includes('--scale')) {
    await scaling(c, mkdtempSync(path.join(os.tmpdir(), 'kg-bench-scale-')), Number(flag('runs') ?? 3));
    return;
  }
  if (flag('cpu')) {
    await cpuShare(c, Number(flag('cpu')), mkdtempSync(path.join(os.tmpdir(), 'kg-bench-cpu-')));
    return;
  }
  const work = mkdtempSync(path.join(os.tmpdir(), 'kg-bench-'));
  // Built (or found in the cache) before the clock starts.
  const wantPeers = !chosen || chosen.includes('kapp') || chosen.includes('flux-ssa');
  const peers: Peers | undefined = wantPeers && sizes.length ? await buildPeers() : undefined;
  const started = performance.now();
  const elapsedS = () => Math.round((performance.now() - started) / 1000);
  const counter = await RequestCounter.start(c.kubeconfigText, path.join(work, 'proxy.kubeconfig'));
  const kubectlUsed = `${kubectlBinary(c)} ${await kubectlVersion(c)}${kubectlBinary(c) === c.state.kubectl ? ', built beside the control plane' : ', from PATH: the build beside the control plane is absent'}`;
  const versions = {
    kubectl: kubectlUsed,
    ...(peers ? { kapp: await kappVersion(peers), fluxSsa: 'github.com/fluxcd/pkg/ssa v0.78.0', peerBuildSeconds: peers.buildSeconds } : {}),
  };
  process.stdout.write(
    `${JSON.stringify(versions)}; concurrency ${concurrency}; runs per size: ${sizes.map((n) => `${n}: ${runsFor(n)}`).join(', ')}; tools alternating\n`,
  );
  const ctx = { c, counter, work, ...(peers ? { peers } : {}) };
  try {
    const demo = peers ? await validationDemo({ ...ctx, peers }) : undefined;
    if (demo) process.stdout.write(`\n${demo.text}\n`);
    // The extras first: their N-object apply is torn down before the comparison starts.
    const extras: Record<string, number> = args.includes('--no-extras')
      ? {}
      : await measureExtras(c, work, Number(flag('rss-size') ?? (quick ? 0 : 2000)), quick ? 3 : 5);
    process.stdout.write(
      `\n${Object.entries(extras)
        .map(([k, v]) => `${k}: ${v}`)
        .join('\n')}\n(action*: dist/index.js run as the runner runs it, wait off; peak RSS from getrusage at its exit)\n`,
    );
    const results: SizeResult[] = [];
    let actions: ActionFigure[] = [];
    const write = () => {
      mkdirSync(path.dirname(outFile), { recursive: true });
      writeFileSync(
        outFile,
        JSON.stringify(
          { date: new Date().toISOString(), elapsedS: elapsedS(), sizes, concurrency, versions, results, actions, demo, extras, fleet, fleetPlans },
          null,
          2,
        ),
      );
    };
    // dist/index.js as a workflow step next, torn down (like the extras) before the comparison.
    const actionN = Number(flag('action-size') ?? (quick ? 100 : 500));
    if (actionN > 0 && sizes.length) {
      actions = await actionRuns(c, counter, actionN, work);
      process.stdout.write(`\n${actionTable(actions)}\n`);
      write();
    }
    for (const n of sizes) {
      const result = await measureSize(ctx, n, runsFor(n), toolsFor(n, chosen, peers !== undefined), n === sizes.at(-1));
      results.push(result);
      if (result.rssMb.length) {
        extras[`actionPeakRssMbFirstApplyN${n}`] = Math.max(...result.rssMb);
        process.stdout.write(`N=${n}: peak RSS of dist/index.js in its first apply: ${result.rssMb.join(', ')} MB\n`);
      }
      write();
    }
    if (results.length) process.stdout.write(`\n${peerTable(results)}\n`);
    if (actions.length) process.stdout.write(`\n${actionTable(actions)}\n`);
    write();
    process.stdout.write(`written to ${outFile}; the bench took ${elapsedS()} s (the peers' builds before it not counted)\n`);
  } finally {
    counter.stop();
  }
  rmSync(work, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
