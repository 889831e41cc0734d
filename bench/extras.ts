// The bench's extras: loading real manifest sets and charts (next to kustomize build / helm template
// alone), rendering a big comment, start-up of dist/index.js, and its peak RSS applying a big set.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { RecordingLogger } from '../src/model/logger.js';
import { loadManifests } from '../src/load/manifest-loader.js';
import type { Plan } from '../src/model/plan.js';
import { renderPlanMarkdown } from '../src/render/plan-markdown.js';
import { pushPayload, runAction } from '../test/support/run-action.js';
import type { TestCluster } from '../test/support/test-cluster.js';
import { measureToolLoads } from './tool-loads.js';
import { BENCH_COMMIT, concurrency, freshSet, median, root, tearDown, time } from './bench-kit.js';

/**
 * dist/index.js applying the set in `dir` to target `target` (parent in `ns`) as the runner runs it,
 * health wait off: its wall time (spawn to exit) and peak RSS (getrusage at its exit).
 */
export async function actionApply(
  c: TestCluster,
  dir: string,
  target: string,
  ns: string,
  rssFile: string,
  kubeconfig = c.kubeconfigText,
): Promise<{ mb: number; ms: number }> {
  const t = performance.now();
  const run = await runAction({
    event: 'push',
    payload: pushPayload({ before: '0'.repeat(40), after: BENCH_COMMIT }),
    workspace: dir,
    sha: BENCH_COMMIT,
    inputs: { mode: 'apply', kubeconfig, namespace: ns, name: target, wait: 'false', comment: 'false', concurrency: String(concurrency) },
    env: { NODE_OPTIONS: `--import=${path.join(root, 'bench/report-max-rss.mjs')}`, KUBE_GITOPS_RSS_FILE: rssFile },
  });
  const ms = performance.now() - t;
  if (run.code !== 0) throw new Error(`dist/index.js apply of ${dir} exited ${run.code}: ${run.stdout.slice(-800)}`);
  return { mb: Math.round(Number(readFileSync(rssFile, 'utf8')) / 1024), ms: Math.round(ms) };
}

/** dist/index.js applying an N-object set on its own (first apply, then unchanged): peak RSS and time. */
export async function actionApplyRss(
  c: TestCluster,
  n: number,
  work: string,
): Promise<{ firstMb: number; firstMs: number; unchangedMb: number; unchangedMs: number }> {
  const ns = `bench-rss-${n}`;
  const { dir, namespaces } = await freshSet(c, ns, path.join(work, `rss-${n}`), n);
  const rssFile = path.join(work, 'rss');
  const first = await actionApply(c, dir, `rss-${n}`, ns, rssFile);
  const unchanged = await actionApply(c, dir, `rss-${n}`, ns, rssFile);
  await tearDown(c, namespaces);
  return { firstMb: first.mb, firstMs: first.ms, unchangedMb: unchanged.mb, unchangedMs: unchanged.ms };
}

/** Milliseconds from spawning dist/index.js (the Action) or dist/cli.js (`plan`) to its first API request, median of 5. */
export async function startupToFirstRequest(entry: 'index' | 'cli'): Promise<number> {
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
  const kubeconfigFile = path.join(ws, '..', `${path.basename(ws)}.kubeconfig`);
  writeFileSync(kubeconfigFile, kubeconfig, { mode: 0o600 });
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    firstAt = 0;
    const t = performance.now();
    const argv = entry === 'cli' ? ['dist/cli.js', 'plan', '--kubeconfig', kubeconfigFile, '--path', '.'] : ['dist/index.js'];
    const child = spawn(
      process.execPath,
      argv.map((a, i) => (i === 0 ? path.join(root, a) : a)),
      {
        cwd: ws,
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
      },
    );
    while (!firstAt && child.exitCode === null) await new Promise((r) => setTimeout(r, 2));
    samples.push(firstAt ? firstAt - t : NaN);
    child.kill();
    await new Promise((r) => child.once('exit', r));
  }
  server.close();
  return median(samples);
}

/** Loading kube-prometheus, rendering a 2000-object comment, start-up of dist/index.js, its peak RSS applying a big set. */
/** `rssN` 0: no peak-RSS apply (--quick: its dist/index.js steps apply instead); `runs`: the loads' samples. */
export async function measureExtras(c: TestCluster, work: string, rssN: number, runs = 5): Promise<Record<string, number>> {
  const kp = path.resolve(root, '../shared/corpus/kube-prometheus');
  const loadPlain: number[] = [];
  for (let i = 0; i < runs; i++) {
    loadPlain.push(await time(() => loadManifests({ workspace: kp, paths: ['manifests'], exclude: [], logger: new RecordingLogger() })));
  }
  const toolLoads = await measureToolLoads(runs);
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
  const startup = await startupToFirstRequest('index');
  const cliStartup = await startupToFirstRequest('cli');
  const rss = rssN > 0 ? await actionApplyRss(c, rssN, work) : undefined;
  return {
    loadKubePrometheusPlainMs: Math.round(median(loadPlain)),
    ...toolLoads,
    render2000PlanMs: Math.round(median(render)),
    startupToFirstRequestMs: Math.round(startup),
    cliStartupToFirstRequestMs: Math.round(cliStartup),
    ...(rss
      ? {
          [`actionPeakRssMbFirstApplyN${rssN}`]: rss.firstMb,
          [`actionMsFirstApplyN${rssN}`]: rss.firstMs,
          [`actionPeakRssMbUnchangedApplyN${rssN}`]: rss.unchangedMb,
          [`actionMsUnchangedApplyN${rssN}`]: rss.unchangedMs,
        }
      : {}),
  };
}
