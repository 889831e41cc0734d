// npm run bench: kube-gitops vs kubectl vs the floor (the scenario's own requests alone, bench/floor.ts)
// on the local control plane, side by side, alternating, median of the runs. Flags:
// --sizes 100,500,2000,10000 (--size N for one) --runs N (default 3 up to 500 objects, 1 above) --out FILE
// --quick (N=100, 3 runs, the extras at 500: 94 s on 2 cores) --extras-only --rss-size N (the set dist/index.js
// applies for the peak-RSS figure; default 2000; above KUBECTL_MAX our first apply of the comparison runs as
// dist/index.js and gives that size's figure)
// --tools kubectl,kube-gitops,floor (a subset) --no-extras
// --cpu N (only: where the CPU time and API requests of a plan and a first apply of N objects go, per tool)
// --fleet-only (only the fleet comment, bench/fleet-comment.ts, which every run measures first: no cluster needed)
// --scale (only: our first apply of 500 and 2000 objects, each alone on the cluster; --runs sets the count)
// Results are written after each size, so an interrupted run keeps what it measured.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testCluster, type TestCluster } from '../test/support/test-cluster.js';
import {
  concurrency,
  freshSet,
  KUBECTL_MAX,
  kubectlBinary,
  kubectlRun,
  kubectlVersion,
  median,
  oursApply,
  oursPlan,
  root,
  setNamespaces,
  settle,
  time,
  writeSet,
} from './bench-kit.js';
import { cpuShare, scaling } from './cpu.js';
import { actionApply, measureExtras } from './extras.js';
import { FloorClient, floorWork, readSet } from './floor.js';
import { fleetFiguresText, measureFleetComment } from './fleet-comment.js';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const quick = args.includes('--quick');
const sizes = args.includes('--extras-only') ? [] : (flag('size') ?? flag('sizes') ?? (quick ? '100' : '100,500,2000,10000')).split(',').map(Number);
const runsFor = (n: number) => Number(flag('runs') ?? (quick ? (n <= 100 ? 3 : 1) : n <= 500 ? 3 : 1));
const outFile = flag('out') ?? path.join(root, 'bench/results/latest.json');
const SCENARIOS = ['plan-empty', 'apply-first', 'plan-unchanged', 'apply-unchanged', 'plan-changed-10%', 'apply-changed-10%', 'apply-prune-10%'] as const;
type Scenario = (typeof SCENARIOS)[number];
type Tool = 'kubectl' | 'kube-gitops' | 'floor';

function namespacePrefix(tool: Tool, n: number, run: number): string {
  return `bench-${n}-${{ kubectl: 'k', 'kube-gitops': 'g', floor: 'f' }[tool]}-${run}`;
}

/** One tool's scenarios on a fresh set: milliseconds each, and dist/index.js's peak RSS where it ran. */
interface ToolRun {
  ms: Record<Scenario, number>;
  /** Above KUBECTL_MAX our apply-first runs as dist/index.js (as the runner runs it): its peak RSS, MB. */
  firstApplyRssMb?: number;
}

async function runTool(c: TestCluster, tool: Tool, n: number, run: number, work: string): Promise<ToolRun> {
  // Namespaces per tool and run: one up to KUBECTL_MAX objects (kubectl's ApplySet with a Secret
  // parent cannot span namespaces: -n must match every object), one per 500 objects above it.
  const { dir, namespaces } = await freshSet(c, namespacePrefix(tool, n, run), path.join(work, `${tool}-${n}-${run}`), n);
  const target = `b${n}r${run}`;
  const applySet = `--applyset=secret/${target}`;
  const ns0 = namespaces[0] ?? '';
  const floor = tool === 'floor' ? new FloorClient(c.kubeconfigText, concurrency) : undefined;
  // The floor's notion of the live state: the set as last applied. Its work is worked out before
  // the clock starts (plan() and apply() prepare, the function they return is timed).
  let live: ReturnType<typeof readSet> = [];
  const floorStep = (client: FloorClient, dryRun: boolean) => {
    const desired = readSet(dir);
    const work = floorWork(live, desired, dryRun);
    return () =>
      client.run(work).then(() => {
        if (!dryRun) live = desired;
      });
  };
  const plan = (): (() => Promise<unknown>) =>
    floor
      ? floorStep(floor, true)
      : tool === 'kubectl'
        ? () => kubectlRun(c, ['diff', '--server-side', '-f', dir], [0, 1])
        : () => oursPlan(c, dir, target, ns0);
  const apply = (): (() => Promise<unknown>) =>
    floor
      ? floorStep(floor, false)
      : tool === 'kubectl'
        ? () => kubectlRun(c, ['apply', '--server-side', '--prune', applySet, '-n', ns0, '-f', dir])
        : () => oursApply(c, dir, target, ns0);
  // Above KUBECTL_MAX the first apply is dist/index.js itself, so the peak-RSS figure comes from
  // this very apply (its time includes the process start, ~0.3 s of about a minute).
  let firstApplyRssMb: number | undefined;
  const firstApply = (): (() => Promise<unknown>) =>
    tool === 'kube-gitops' && n > KUBECTL_MAX
      ? async () => {
          firstApplyRssMb = (await actionApply(c, dir, target, ns0, path.join(work, 'rss'))).mb;
        }
      : apply();
  const out = {} as Record<Scenario, number>;
  // Between scenarios (untimed) the controllers finish the rollouts an apply started, so every
  // measurement of either tool sees a quiet cluster rather than the other's leftovers.
  const settled = async (ms: number) => {
    await settle(c, namespaces);
    return ms;
  };
  const steps: [Scenario, () => () => Promise<unknown>, boolean][] = [
    ['plan-empty', plan, false],
    ['apply-first', firstApply, true],
    ['plan-unchanged', plan, false],
    ['apply-unchanged', apply, false],
  ];
  try {
    for (const [scenario, step, settles] of steps) out[scenario] = settles ? await settled(await time(step())) : await time(step());
    writeSet(
      dir,
      n,
      namespaces,
      (i) => i % 10 === 3,
      () => true,
    );
    out['plan-changed-10%'] = await time(plan());
    out['apply-changed-10%'] = await settled(await time(apply()));
    writeSet(
      dir,
      n,
      namespaces,
      (i) => i % 10 === 3,
      (i) => i % 10 !== 5,
    );
    out['apply-prune-10%'] = await time(apply());
  } finally {
    await floor?.close();
  }
  // The namespaces stay until every run of this size is done: tearing down N objects and their pods
  // keeps the controllers busy for minutes, and measuring meanwhile would measure the teardown.
  return { ms: out, ...(firstApplyRssMb === undefined ? {} : { firstApplyRssMb }) };
}

interface Row {
  n: number;
  scenario: Scenario;
  runs: number;
  kubectl?: number;
  ours: number;
  floor: number;
  /** kubectl ÷ ours (how many times faster we are); absent above KUBECTL_MAX. */
  vsKubectl?: number;
  /** ours ÷ floor (how far above the floor we are). */
  vsFloor: number;
}

async function measureSize(c: TestCluster, n: number, work: string): Promise<{ rows: Row[]; rssMb: number[] }> {
  const runs = runsFor(n);
  const chosen = flag('tools')?.split(',');
  const tools = (n <= KUBECTL_MAX ? (['kubectl', 'kube-gitops', 'floor'] as const) : (['kube-gitops', 'floor'] as const)).filter(
    (t) => !chosen || chosen.includes(t),
  );
  const samples = new Map<Tool, Record<Scenario, number>[]>(tools.map((t) => [t, []]));
  const rssMb: number[] = [];
  for (let run = 0; run < runs; run++) {
    // Rotate the order, so no tool always goes first on a fresh cluster.
    const order = tools.map((_, i) => tools[(i + run) % tools.length] as Tool);
    for (const tool of order) {
      const result = await runTool(c, tool, n, run, work);
      samples.get(tool)?.push(result.ms);
      if (result.firstApplyRssMb !== undefined) rssMb.push(result.firstApplyRssMb);
    }
    process.stderr.write(`  N=${n} run ${run + 1}/${runs} done\n`);
  }
  const med = (tool: Tool, scenario: Scenario) => {
    const xs = samples.get(tool)?.map((s) => s[scenario]);
    return xs?.length ? Math.round(median(xs)) : undefined;
  };
  const rows = SCENARIOS.map((scenario): Row => {
    const ours = med('kube-gitops', scenario) ?? NaN;
    const floor = med('floor', scenario) ?? NaN;
    const kubectl = med('kubectl', scenario);
    return {
      n,
      scenario,
      runs,
      ours,
      floor,
      vsFloor: Number((ours / floor).toFixed(2)),
      ...(kubectl === undefined ? {} : { kubectl, vsKubectl: Number((kubectl / ours).toFixed(2)) }),
    };
  });
  // Untimed: this size's namespaces go before the next size is measured.
  const namespaces = Array.from({ length: runs }, (_, run) => tools.flatMap((t) => setNamespaces(namespacePrefix(t, n, run), n))).flat();
  await kubectlRun(c, ['delete', 'namespace', ...namespaces, '--ignore-not-found', `--wait=${n !== sizes.at(-1)}`, '--timeout=1800s']);
  return { rows, rssMb };
}

const ms = (x: number | undefined) => (x === undefined ? 'not run' : String(x));

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
  if (args.includes('--scale')) {
    await scaling(c, mkdtempSync(path.join(os.tmpdir(), 'kg-bench-scale-')), Number(flag('runs') ?? 3));
    return;
  }
  if (flag('cpu')) {
    await cpuShare(c, Number(flag('cpu')), mkdtempSync(path.join(os.tmpdir(), 'kg-bench-cpu-')));
    return;
  }
  const started = performance.now();
  const elapsedS = () => Math.round((performance.now() - started) / 1000);
  const work = mkdtempSync(path.join(os.tmpdir(), 'kg-bench-'));
  const kubectlUsed = `${kubectlBinary(c)} ${await kubectlVersion(c)}${kubectlBinary(c) === c.state.kubectl ? ', built beside the control plane' : ', from PATH: the build beside the control plane is absent'}`;
  process.stdout.write(
    `kubectl: ${kubectlUsed}; concurrency ${concurrency}; runs per size: ${sizes.map((n) => `${n}: ${runsFor(n)}`).join(', ')}; tools alternating\n`,
  );
  // The extras first: their N-object apply is torn down before the comparison starts.
  const extras: Record<string, number> = args.includes('--no-extras') ? {} : await measureExtras(c, work, Number(flag('rss-size') ?? (quick ? 500 : 2000)));
  process.stdout.write(
    `\n${Object.entries(extras)
      .map(([k, v]) => `${k}: ${v}`)
      .join('\n')}\n(action*: dist/index.js run as the runner runs it, wait off; peak RSS from getrusage at its exit)\n`,
  );
  const results: Row[] = [];
  const write = () => {
    mkdirSync(path.dirname(outFile), { recursive: true });
    writeFileSync(
      outFile,
      JSON.stringify({ date: new Date().toISOString(), elapsedS: elapsedS(), sizes, concurrency, kubectl: kubectlUsed, results, extras, fleet }, null, 2),
    );
  };
  for (const n of sizes) {
    const { rows, rssMb } = await measureSize(c, n, work);
    results.push(...rows);
    if (rssMb.length) {
      extras[`actionPeakRssMbFirstApplyN${n}`] = Math.max(...rssMb);
      process.stdout.write(`N=${n}: peak RSS of dist/index.js in its first apply: ${rssMb.join(', ')} MB\n`);
    }
    write();
  }
  process.stdout.write(
    `\n| N | scenario | runs | kubectl ms | kube-gitops ms | floor ms | kubectl / ours | ours / floor |\n| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n`,
  );
  for (const r of results)
    process.stdout.write(
      `| ${r.n} | ${r.scenario} | ${r.runs} | ${ms(r.kubectl)} | ${r.ours} | ${r.floor} | ${r.vsKubectl === undefined ? `not run${r.n > KUBECTL_MAX ? ` (N > ${KUBECTL_MAX})` : ''}` : `${r.vsKubectl}×`} | ${r.vsFloor}× |\n`,
    );
  if (sizes.some((n) => n > KUBECTL_MAX))
    process.stdout.write(
      `(N > ${KUBECTL_MAX}: our apply-first is dist/index.js run as the runner runs it, its start-up included; its peak RSS is printed above)\n`,
    );
  write();
  process.stdout.write(`written to ${outFile}; the bench took ${elapsedS()} s\n`);
  rmSync(work, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
