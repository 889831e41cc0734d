// One tool's run of the bench's scenarios on a fresh set, and one size's runs of every tool,
// alternating: wall time and API requests (through the counting proxy, bench/count-proxy.ts) of
// each scenario. kube-gitops in-process and the floor run inside the bench; kubectl, kapp, flux-ssa
// and kube-gitops as a process are whole processes, spawn to exit. Waits are off for every tool.
import path from 'node:path';
import type { TestCluster } from '../test/support/test-cluster.js';
import { concurrency, freshSet, KUBECTL_MAX, kubectlRun, median, oursApply, oursPlan, setNamespaces, settle, time, writeSet } from './bench-kit.js';
import type { RequestCounter } from './count-proxy.js';
import { actionApply } from './extras.js';
import { FloorClient, floorWork, readSet } from './floor.js';
import { commands, type Peers, type SetTarget } from './peers.js';

export const SCENARIOS = [
  'plan-empty',
  'apply-first',
  'plan-unchanged',
  'apply-unchanged',
  'plan-changed-10%',
  'apply-changed-10%',
  'apply-prune-10%',
] as const;
export type Scenario = (typeof SCENARIOS)[number];
export const TOOLS = ['kube-gitops', 'kube-gitops-process', 'kubectl', 'kapp', 'flux-ssa', 'floor'] as const;
export type Tool = (typeof TOOLS)[number];
/**
 * The largest set each tool is run on unless `--tools` names it: kubectl takes minutes per scenario
 * above 2,000 objects; at 2,000 Flux's engine alone (QPS 50: 2 to 3 requests per object per scenario)
 * would take about ten minutes, which would put the default run over its 30.
 */
export const MAX_SIZE: Record<Tool, number> = {
  'kube-gitops': Infinity,
  floor: Infinity,
  kubectl: KUBECTL_MAX,
  kapp: 500,
  'flux-ssa': 500,
  'kube-gitops-process': 500,
};
const LETTER: Record<Tool, string> = { kubectl: 'k', 'kube-gitops': 'g', floor: 'f', kapp: 'a', 'flux-ssa': 's', 'kube-gitops-process': 'p' };

export function namespacePrefix(tool: Tool, n: number, run: number): string {
  return `bench-${n}-${LETTER[tool]}-${run}`;
}

export interface Sample {
  ms: number;
  requests: number;
}

/** One tool's scenarios on a fresh set, and dist/index.js's peak RSS where it ran. */
interface ToolRun {
  samples: Record<Scenario, Sample>;
  /** Above KUBECTL_MAX our apply-first runs as dist/index.js (as the runner runs it): its peak RSS, MB. */
  firstApplyRssMb?: number;
}

export interface BenchContext {
  c: TestCluster;
  counter: RequestCounter;
  peers?: Peers;
  work: string;
}

type Step = () => () => Promise<unknown>;

async function runTool(ctx: BenchContext, tool: Tool, n: number, run: number): Promise<ToolRun> {
  const { c, counter, work } = ctx;
  // Namespaces per tool and run: one up to KUBECTL_MAX objects (kubectl's ApplySet with a Secret
  // parent cannot span namespaces: -n must match every object), one per 500 objects above it.
  const { dir, namespaces } = await freshSet(c, namespacePrefix(tool, n, run), path.join(work, `${tool}-${n}-${run}`), n);
  const ns0 = namespaces[0] ?? '';
  const set: SetTarget = { dir, name: `b${n}r${run}`, ns: ns0, kubeconfigFile: counter.kubeconfigFile, inventory: `${dir}.inventory.json` };
  const floor = tool === 'floor' ? new FloorClient(counter.kubeconfigText, concurrency) : undefined;
  // The floor's notion of the live state: the set as last applied. Its work is worked out before
  // the clock starts (plan() and apply() prepare, the function they return is timed).
  let live: ReturnType<typeof readSet> = [];
  const floorStep = (client: FloorClient, dryRun: boolean) => {
    const desired = readSet(dir);
    const todo = floorWork(live, desired, dryRun);
    return () =>
      client.run(todo).then(() => {
        if (!dryRun) live = desired;
      });
  };
  const peer = (which: 'kapp' | 'flux-ssa' | 'kube-gitops-process', step: 'plan' | 'apply') => () => {
    if (!ctx.peers && which !== 'kube-gitops-process') throw new Error(`bench: ${which} is not built`);
    return commands[which][step](ctx.peers as Peers, set);
  };
  const kubectl =
    (argv: string[], ok = [0]) =>
    () =>
      kubectlRun(c, argv, ok, counter.kubeconfigFile);
  const step =
    (which: 'plan' | 'apply'): Step =>
    () => {
      if (floor) return floorStep(floor, which === 'plan');
      switch (tool) {
        case 'floor':
          throw new Error('bench: the floor has no client');
        case 'kubectl':
          return which === 'plan'
            ? kubectl(['diff', '--server-side', '-f', dir], [0, 1])
            : kubectl(['apply', '--server-side', '--prune', `--applyset=secret/${set.name}`, '-n', ns0, '-f', dir]);
        case 'kube-gitops':
          return which === 'plan'
            ? () => oursPlan(c, dir, set.name, ns0, counter.kubeconfigText)
            : () => oursApply(c, dir, set.name, ns0, counter.kubeconfigText);
        default:
          return peer(tool, which);
      }
    };
  const plan = step('plan');
  const apply = step('apply');
  // Above KUBECTL_MAX the first apply is dist/index.js itself, so the peak-RSS figure comes from
  // this very apply (its time includes the process start, ~0.3 s of about a minute).
  let firstApplyRssMb: number | undefined;
  const firstApply: Step = () =>
    tool === 'kube-gitops' && n > KUBECTL_MAX
      ? async () => {
          firstApplyRssMb = (await actionApply(c, dir, set.name, ns0, path.join(work, 'rss'), counter.kubeconfigText)).mb;
        }
      : apply();
  const out = {} as Record<Scenario, Sample>;
  const measure = async (scenario: Scenario, step: Step, settles: boolean) => {
    const fn = step();
    await counter.take();
    const ms = await time(fn);
    out[scenario] = { ms, requests: await counter.take() };
    // Between scenarios (untimed) the controllers finish the rollouts an apply started, so every
    // measurement of any tool sees a quiet cluster rather than the other's leftovers.
    if (settles) await settle(c, namespaces);
  };
  try {
    await measure('plan-empty', plan, false);
    await measure('apply-first', firstApply, true);
    await measure('plan-unchanged', plan, false);
    await measure('apply-unchanged', apply, false);
    const rewrite = (keep: (i: number) => boolean) => writeSet(dir, n, namespaces, (i) => i % 10 === 3, keep);
    rewrite(() => true);
    await measure('plan-changed-10%', plan, false);
    await measure('apply-changed-10%', apply, true);
    rewrite((i) => i % 10 !== 5);
    await measure('apply-prune-10%', apply, false);
  } finally {
    await floor?.close();
  }
  // The namespaces stay until every run of this size is done: tearing down N objects and their pods
  // keeps the controllers busy for minutes, and measuring meanwhile would measure the teardown.
  return { samples: out, ...(firstApplyRssMb === undefined ? {} : { firstApplyRssMb }) };
}

/** One size's medians: per scenario, per tool, milliseconds and requests. */
export interface SizeResult {
  n: number;
  runs: number;
  tools: Tool[];
  medians: Record<Scenario, Partial<Record<Tool, Sample>>>;
  rssMb: number[];
}

export function toolsFor(n: number, chosen: string[] | undefined, peersBuilt: boolean): Tool[] {
  return TOOLS.filter(
    (t) => (chosen ? chosen.includes(t) : n <= MAX_SIZE[t]) && (t !== 'kubectl' || n <= KUBECTL_MAX) && (peersBuilt || (t !== 'kapp' && t !== 'flux-ssa')),
  );
}

export async function measureSize(ctx: BenchContext, n: number, runs: number, tools: Tool[], last: boolean): Promise<SizeResult> {
  const samples = new Map<Tool, Record<Scenario, Sample>[]>(tools.map((t) => [t, []]));
  const rssMb: number[] = [];
  for (let run = 0; run < runs; run++) {
    // Rotate the order, so no tool always goes first on a fresh cluster.
    const order = tools.map((_, i) => tools[(i + run) % tools.length] as Tool);
    for (const tool of order) {
      const result = await runTool(ctx, tool, n, run);
      samples.get(tool)?.push(result.samples);
      if (result.firstApplyRssMb !== undefined) rssMb.push(result.firstApplyRssMb);
      process.stderr.write(`  N=${n} run ${run + 1}/${runs}: ${tool} done (${Math.round(process.uptime())} s since the bench started)\n`);
    }
  }
  const medians = Object.fromEntries(
    SCENARIOS.map((scenario) => [
      scenario,
      Object.fromEntries(
        tools.map((tool) => {
          const xs = samples.get(tool)?.map((s) => s[scenario]) ?? [];
          return [tool, { ms: Math.round(median(xs.map((x) => x.ms))), requests: Math.round(median(xs.map((x) => x.requests))) }];
        }),
      ),
    ]),
  ) as SizeResult['medians'];
  // Untimed: this size's namespaces go before the next size is measured.
  const namespaces = Array.from({ length: runs }, (_, run) => tools.flatMap((t) => setNamespaces(namespacePrefix(t, n, run), n))).flat();
  await kubectlRun(ctx.c, ['delete', 'namespace', ...namespaces, '--ignore-not-found', `--wait=${!last}`, '--timeout=1800s']);
  return { n, runs, tools, medians, rssMb };
}
