// npm run bench: kube-gitops vs kubectl on the local control plane, side by side, alternating
// A B A B, median of N runs. Flags: --sizes 100,500,2000 --runs 5 --out FILE --quick --extras-only
// --rss-size N (the set dist/index.js applies for the peak-RSS figure; default 2000)
// --cpu N (only: where the CPU time and API requests of a plan and a first apply of N objects go, per tool)
// --scale (only: our first apply of 500 and 2000 objects, each alone on the cluster; --runs sets the count)
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { K8sClient } from '../src/cluster/k8s-client.js';
import { RecordingLogger } from '../src/logging.js';
import { loadManifests } from '../src/manifests/manifest-loader.js';
import { planChanges } from '../src/plan/planner.js';
import { renderPlanMarkdown } from '../src/render/plan-markdown.js';
import { runApply, type ApplySettings } from '../src/run/apply-run.js';
import type { Plan } from '../src/plan/plan.js';
import { pushPayload, runAction } from '../test/support/run-action.js';
import { testCluster, type TestCluster } from '../test/support/test-cluster.js';
import { testApplySettings } from '../test/support/test-settings.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const quick = args.includes('--quick');
const sizes = args.includes('--extras-only') ? [] : (flag('sizes') ?? (quick ? '100' : '100,500,2000')).split(',').map(Number);
const runs = Number(flag('runs') ?? (quick ? 3 : 5));
const outFile = flag('out') ?? path.join(root, 'bench/results/latest.json');
const concurrency = Number(process.env.KUBE_GITOPS_BENCH_CONCURRENCY ?? 8);
const SCENARIOS = ['plan-empty', 'apply-first', 'plan-unchanged', 'apply-unchanged', 'plan-changed-10%', 'apply-changed-10%', 'apply-prune-10%'] as const;
type Scenario = (typeof SCENARIOS)[number];
type Tool = 'kubectl' | 'kube-gitops';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/** N objects: per ten, 6 ConfigMaps, 2 Deployments (2 replicas), 2 Services. */
function writeSet(dir: string, n: number, namespaces: string[], changed: (i: number) => boolean, keep: (i: number) => boolean): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const docs: string[] = [];
  for (let i = 0; i < n; i++) {
    if (!keep(i)) continue;
    const ns = namespaces[Math.floor(i / 250) % namespaces.length]!;
    const v = changed(i) ? 'v2' : 'v1';
    const kind = i % 10;
    if (kind < 6)
      docs.push(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\n  namespace: ${ns}\ndata:\n  version: ${v}\n  payload: "${'x'.repeat(200)}"\n`);
    else if (kind < 8)
      docs.push(
        `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${i}\n  namespace: ${ns}\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {app: app-${i}}\n  template:\n    metadata:\n      labels: {app: app-${i}}\n    spec:\n      containers:\n      - name: app\n        image: registry.example/app:${v}\n`,
      );
    else
      docs.push(
        `apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-${i}\n  namespace: ${ns}\n  labels: {version: ${v}}\nspec:\n  selector: {app: app-${i}}\n  ports:\n  - port: 80\n`,
      );
  }
  for (let f = 0; f * 50 < docs.length; f++)
    writeFileSync(path.join(dir, `set-${String(f).padStart(3, '0')}.yaml`), docs.slice(f * 50, f * 50 + 50).join('---\n'));
}

function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  return fn().then(() => performance.now() - t);
}

/** kubectl 1.36 built beside the control plane (client and server match); the one on PATH if that build is absent. */
function kubectlBinary(c: TestCluster): string {
  return existsSync(c.state.kubectl) ? c.state.kubectl : 'kubectl';
}

function kubectlVersion(c: TestCluster): Promise<string> {
  return new Promise((resolve) =>
    execFile(kubectlBinary(c), ['version', '--client', '-o', 'json'], (error, out) => {
      try {
        resolve(error ? 'unknown' : String((JSON.parse(out) as { clientVersion: { gitVersion: string } }).clientVersion.gitVersion));
      } catch {
        resolve('unknown');
      }
    }),
  );
}

function kubectlRun(c: TestCluster, argv: string[], okCodes = [0]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      kubectlBinary(c),
      [`--kubeconfig=${c.state.kubeconfig}`, ...argv],
      { env: { ...process.env, KUBECTL_APPLYSET: 'true' }, maxBuffer: 512 * 1024 * 1024 },
      (error, _out, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        if (okCodes.includes(code)) resolve();
        else reject(new Error(`kubectl ${argv.slice(0, 3).join(' ')} exited ${code}: ${stderr.slice(0, 400)}`));
      },
    );
  });
}

/** Waits until every Deployment in the namespace has rolled out its current spec (2 updated, available replicas, no old pods). */
async function settle(c: TestCluster, ns: string): Promise<void> {
  await new Promise((r) => setTimeout(r, 1000));
  for (const field of ['updatedReplicas', 'availableReplicas', 'replicas']) {
    await kubectlRun(c, ['wait', '-n', ns, 'deployment', '--all', `--for=jsonpath={.status.${field}}=2`, '--timeout=900s']);
  }
}

/** Both tools' runs share these: the action's defaults, health wait off, the bench's concurrency. */
function benchSettings(target: string, ns: string): ApplySettings {
  return testApplySettings({ target, commit: 'bench', namespace: ns, concurrency, wait: false, timeoutMs: 60_000 });
}

async function oursPlan(c: TestCluster, dir: string, target: string, ns: string): Promise<Plan> {
  const desired = await loadManifests({ workspace: dir, paths: ['.'], exclude: [], logger: new RecordingLogger() });
  const client = new K8sClient({ kubeconfig: c.kubeconfigText });
  const r = await planChanges(desired, client, benchSettings(target, ns), new RecordingLogger()).finally(() => client.close());
  if (r.plan.problems.length) throw new Error(r.plan.problems[0]!.message);
  return r.plan;
}

async function oursApply(c: TestCluster, dir: string, target: string, ns: string): Promise<void> {
  const desired = await loadManifests({ workspace: dir, paths: ['.'], exclude: [], logger: new RecordingLogger() });
  const client = new K8sClient({ kubeconfig: c.kubeconfigText });
  const report = await runApply(desired, benchSettings(target, ns), { client, logger: new RecordingLogger(), version: 'bench', now: () => new Date() }).finally(
    () => client.close(),
  );
  if (!report.succeeded) throw new Error(JSON.stringify(report.outcome.failed.slice(0, 2)));
}

async function runTool(c: TestCluster, tool: Tool, n: number, run: number, work: string): Promise<Record<Scenario, number>> {
  // One namespace per tool and run: kubectl's ApplySet with a Secret parent cannot span namespaces (-n must match every object).
  const namespaces = [`bench-${n}-${tool === 'kubectl' ? 'k' : 'g'}-${run}`];
  for (const ns of namespaces) await freshNamespace(c, ns);
  const dir = path.join(work, `${tool}-${n}-${run}`);
  const target = `b${n}r${run}`;
  const applySet = `--applyset=secret/${target}`;
  const ns0 = namespaces[0]!;
  const plan = () => (tool === 'kubectl' ? kubectlRun(c, ['diff', '--server-side', '-f', dir], [0, 1]) : oursPlan(c, dir, target, ns0));
  const apply = () =>
    tool === 'kubectl' ? kubectlRun(c, ['apply', '--server-side', '--prune', applySet, '-n', ns0, '-f', dir]) : oursApply(c, dir, target, ns0);
  const out = {} as Record<Scenario, number>;
  // Between scenarios (untimed) the controllers finish the rollouts an apply started, so every
  // measurement of either tool sees a quiet cluster rather than the other's leftovers.
  const settled = async (ms: number) => {
    await settle(c, ns0);
    return ms;
  };
  writeSet(
    dir,
    n,
    namespaces,
    () => false,
    () => true,
  );
  out['plan-empty'] = await time(plan);
  out['apply-first'] = await settled(await time(apply));
  out['plan-unchanged'] = await time(plan);
  out['apply-unchanged'] = await time(apply);
  writeSet(
    dir,
    n,
    namespaces,
    (i) => i % 10 === 3,
    () => true,
  );
  out['plan-changed-10%'] = await time(plan);
  out['apply-changed-10%'] = await settled(await time(apply));
  writeSet(
    dir,
    n,
    namespaces,
    (i) => i % 10 === 3,
    (i) => i % 10 !== 5,
  );
  out['apply-prune-10%'] = await time(apply);
  // The namespace stays until every run of this size is done: tearing down N objects and their pods
  // keeps the controllers busy for minutes, and measuring meanwhile would measure the teardown.
  return out;
}

/** Untimed: the rollouts an apply started finish, then the namespace and everything in it are gone. */
async function tearDown(c: TestCluster, ns: string): Promise<void> {
  await settle(c, ns);
  await kubectlRun(c, ['delete', 'namespace', ns, '--wait=true', '--timeout=900s']);
}

/** An empty namespace `ns` (a leftover of an interrupted bench is deleted first). */
async function freshNamespace(c: TestCluster, ns: string): Promise<void> {
  await kubectlRun(c, ['delete', 'namespace', ns, '--ignore-not-found', '--wait=true', '--timeout=900s']);
  await kubectlRun(c, ['create', 'namespace', ns]);
}

/** An empty namespace `ns` (a leftover of an interrupted bench is deleted first) and an N-object set for it in `dir`. */
async function freshSet(c: TestCluster, ns: string, dir: string, n: number): Promise<string> {
  await freshNamespace(c, ns);
  writeSet(
    dir,
    n,
    [ns],
    () => false,
    () => true,
  );
  return dir;
}

/** dist/index.js applying an N-object set as the runner runs it (first apply, then unchanged): peak RSS and time. */
async function actionApplyRss(
  c: TestCluster,
  n: number,
  work: string,
): Promise<{ firstMb: number; firstMs: number; unchangedMb: number; unchangedMs: number }> {
  const ns = `bench-rss-${n}`;
  const dir = await freshSet(c, ns, path.join(work, `rss-${n}`), n);
  const rssFile = path.join(work, 'rss');
  const once = async () => {
    const t = performance.now();
    const run = await runAction({
      event: 'push',
      payload: pushPayload({ before: '0'.repeat(40), after: 'a'.repeat(40) }),
      workspace: dir,
      sha: 'a'.repeat(40),
      inputs: {
        mode: 'apply',
        kubeconfig: c.kubeconfigText,
        namespace: ns,
        name: `rss-${n}`,
        wait: 'false',
        comment: 'false',
        concurrency: String(concurrency),
      },
      env: { NODE_OPTIONS: `--import=${path.join(root, 'bench/report-max-rss.mjs')}`, KUBE_GITOPS_RSS_FILE: rssFile },
    });
    const ms = performance.now() - t;
    if (run.code !== 0) throw new Error(`dist/index.js apply of ${n} objects exited ${run.code}: ${run.stdout.slice(-800)}`);
    return { mb: Number(readFileSync(rssFile, 'utf8')) / 1024, ms };
  };
  const first = await once();
  const unchanged = await once();
  await tearDown(c, ns);
  return { firstMb: Math.round(first.mb), firstMs: Math.round(first.ms), unchangedMb: Math.round(unchanged.mb), unchangedMs: Math.round(unchanged.ms) };
}

async function startupToFirstRequest(): Promise<number> {
  const ws = mkdtempSync(path.join(os.tmpdir(), 'kg-bench-start-'));
  writeFileSync(path.join(ws, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata: {a: "1"}\n');
  let firstAt = 0;
  const server = http.createServer((_req, res) => {
    firstAt ||= performance.now();
    res.writeHead(503);
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const kubeconfig = `apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "http://127.0.0.1:${port}", insecure-skip-tls-verify: true}}]\nusers: [{name: u, user: {token: bench}}]\ncontexts: [{name: c, context: {cluster: c, user: u}}]\ncurrent-context: c\n`;
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    firstAt = 0;
    const t = performance.now();
    const child = spawn(process.execPath, [path.join(root, 'dist/index.js')], {
      env: {
        PATH: process.env.PATH ?? '',
        INPUT_MODE: 'plan',
        INPUT_PATH: '.',
        INPUT_KUBECONFIG: kubeconfig,
        INPUT_COMMENT: 'false',
        GITHUB_WORKSPACE: ws,
        GITHUB_EVENT_NAME: 'push',
      },
      stdio: 'ignore',
    });
    while (!firstAt && child.exitCode === null) await new Promise((r) => setTimeout(r, 2));
    samples.push(firstAt ? firstAt - t : NaN);
    child.kill();
    await new Promise((r) => child.once('exit', r));
  }
  server.close();
  return median(samples);
}

/** CPU seconds used so far: the whole machine (busy jiffies of /proc/stat) and each control plane process. */
function cpuNow(c: TestCluster): { machine: number; parts: Record<string, number> } {
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
function apiRequests(c: TestCluster): Promise<Map<string, number>> {
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
const SET_RESOURCES = new Set(['configmaps', 'services', 'deployments', 'secrets', 'namespaces']);

/**
 * --cpu N: where the time of a plan and a first apply of N objects goes, per tool: wall time, how busy
 * the machine's cores were, the CPU seconds of each control plane process (the rest is the tool), and
 * the API requests served meanwhile: the tool's own (on the set's kinds) and the controllers'
 * (ReplicaSets, Pods, bindings, EndpointSlices, Events... that the new objects set off). Each tool
 * plans once, untimed, before the measured steps (warm caches and JIT, as in the comparison).
 */
async function cpuShare(c: TestCluster, n: number, work: string): Promise<void> {
  const cores = os.availableParallelism();
  const rows: string[] = [];
  process.stdout.write(
    `\n| tool | scenario (N=${n}) | wall s | cores busy | ${Object.keys(c.state.pids).join(' s | ')} s | tool and rest s |\n|${' --- |'.repeat(5 + Object.keys(c.state.pids).length)}\n`,
  );
  for (const tool of ['kubectl', 'kube-gitops'] as Tool[]) {
    const ns = `bench-cpu-${tool === 'kubectl' ? 'k' : 'g'}`;
    const dir = await freshSet(c, ns, path.join(work, `cpu-${tool}`), n);
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
async function scaling(c: TestCluster, work: string): Promise<void> {
  const sizesToScale = [500, 2000];
  const samples = new Map<number, number[]>(sizesToScale.map((n) => [n, []]));
  for (let run = 0; run < runs; run++) {
    for (const n of sizesToScale) {
      const ns = `bench-scale-${n}`;
      const dir = await freshSet(c, ns, path.join(work, `scale-${n}`), n);
      samples.get(n)!.push(await time(() => oursApply(c, dir, `scale${n}`, ns)));
      await tearDown(c, ns);
    }
  }
  const [small, large] = sizesToScale.map((n) => median(samples.get(n)!));
  process.stdout.write(
    `apply-first alone, ${runs} runs: N=500 ${Math.round(small!)} ms (${samples.get(500)!.map(Math.round).join(', ')}), N=2000 ${Math.round(large!)} ms (${samples.get(2000)!.map(Math.round).join(', ')}): ${(large! / small!).toFixed(2)}×\n`,
  );
}

async function main(): Promise<void> {
  const c = await testCluster();
  if (args.includes('--scale')) {
    await scaling(c, mkdtempSync(path.join(os.tmpdir(), 'kg-bench-scale-')));
    return;
  }
  if (flag('cpu')) {
    await cpuShare(c, Number(flag('cpu')), mkdtempSync(path.join(os.tmpdir(), 'kg-bench-cpu-')));
    return;
  }
  const work = mkdtempSync(path.join(os.tmpdir(), 'kg-bench-'));
  const kubectlUsed = `${kubectlBinary(c)} ${await kubectlVersion(c)}${kubectlBinary(c) === c.state.kubectl ? ', built beside the control plane' : ', from PATH: the build beside the control plane is absent'}`;
  process.stdout.write(`kubectl: ${kubectlUsed}; concurrency ${concurrency}; ${runs} runs per tool, alternating\n`);
  // The extras first: their N-object apply is torn down before the comparison starts.
  const extras = await measureExtras(c, work);
  process.stdout.write(
    `\n${Object.entries(extras)
      .map(([k, v]) => `${k}: ${v}`)
      .join('\n')}\n(action*: dist/index.js run as the runner runs it, wait off; peak RSS from getrusage at its exit)\n`,
  );
  const results: { n: number; scenario: Scenario; kubectl: number; ours: number; ratio: number }[] = [];
  const write = () => {
    mkdirSync(path.dirname(outFile), { recursive: true });
    writeFileSync(outFile, JSON.stringify({ date: new Date().toISOString(), sizes, runs, concurrency, kubectl: kubectlUsed, results, extras }, null, 2));
  };
  for (const n of sizes) {
    const samples: Record<Tool, Record<Scenario, number>[]> = { kubectl: [], 'kube-gitops': [] };
    for (let run = 0; run < runs; run++) {
      const order: Tool[] = run % 2 === 0 ? ['kubectl', 'kube-gitops'] : ['kube-gitops', 'kubectl'];
      for (const tool of order) samples[tool].push(await runTool(c, tool, n, run, work));
      process.stderr.write(`  N=${n} run ${run + 1}/${runs} done\n`);
    }
    for (const scenario of SCENARIOS) {
      const k = median(samples.kubectl.map((s) => s[scenario]));
      const o = median(samples['kube-gitops'].map((s) => s[scenario]));
      results.push({ n, scenario, kubectl: Math.round(k), ours: Math.round(o), ratio: Number((k / o).toFixed(2)) });
    }
    write();
    // Untimed: this size's namespaces go before the next size is measured.
    const namespaces = Array.from({ length: runs }, (_, run) => ['k', 'g'].map((t) => `bench-${n}-${t}-${run}`)).flat();
    await kubectlRun(c, ['delete', 'namespace', ...namespaces, '--ignore-not-found', `--wait=${n !== sizes.at(-1)}`, '--timeout=1800s']);
  }
  process.stdout.write(`\n| N | scenario | kubectl ms | kube-gitops ms | kubectl / ours |\n| --- | --- | ---: | ---: | ---: |\n`);
  for (const r of results) process.stdout.write(`| ${r.n} | ${r.scenario} | ${r.kubectl} | ${r.ours} | ${r.ratio}× |\n`);
  write();
  process.stdout.write(`written to ${outFile}\n`);
  rmSync(work, { recursive: true, force: true });
}

/** Loading kube-prometheus, rendering a 2000-object comment, start-up of dist/index.js, its peak RSS applying a big set. */
async function measureExtras(c: TestCluster, work: string): Promise<Record<string, number>> {
  const kp = path.resolve(root, '../shared/corpus/kube-prometheus');
  const loadPlain: number[] = [];
  const loadKustomize: number[] = [];
  for (let i = 0; i < 5; i++) {
    loadPlain.push(await time(() => loadManifests({ workspace: kp, paths: ['manifests'], exclude: [], logger: new RecordingLogger() })));
    loadKustomize.push(await time(() => loadManifests({ workspace: kp, paths: ['.'], exclude: [], logger: new RecordingLogger() })));
  }
  const cm = (i: number) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}`, namespace: 'ns' }, data: { v: String(i) } });
  const bigPlan: Plan = {
    target: 't',
    commit: 'c',
    basis: 'cluster',
    problems: [],
    warnings: [],
    entries: Array.from({ length: 2000 }, (_, i) => ({
      ref: { group: '', version: 'v1', kind: 'ConfigMap', namespace: 'ns', name: `cm-${i}` },
      action: i % 2 ? ('update' as const) : ('create' as const),
      ...(i % 2 ? { before: cm(i) } : {}),
      after: { ...cm(i), data: { v: `${i}-new` } },
      notes: [],
      conflicts: [],
    })),
  };
  const render: number[] = [];
  for (let i = 0; i < 5; i++) render.push(await time(async () => renderPlanMarkdown(bigPlan, { marker: 'm', maxBytes: 65_000 })));
  const startup = await startupToFirstRequest();
  const rssN = Number(flag('rss-size') ?? (quick ? 500 : 2000));
  const rss = await actionApplyRss(c, rssN, work);
  return {
    loadKubePrometheusPlainMs: Math.round(median(loadPlain)),
    loadKubePrometheusKustomizeMs: Math.round(median(loadKustomize)),
    render2000PlanMs: Math.round(median(render)),
    startupToFirstRequestMs: Math.round(startup),
    [`actionPeakRssMbFirstApplyN${rssN}`]: rss.firstMb,
    [`actionMsFirstApplyN${rssN}`]: rss.firstMs,
    [`actionPeakRssMbUnchangedApplyN${rssN}`]: rss.unchangedMb,
    [`actionMsUnchangedApplyN${rssN}`]: rss.unchangedMs,
  };
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
