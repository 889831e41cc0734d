// Helm charts served the ways a HelmChart can fetch them, on 127.0.0.1 only: a classic HTTP chart
// repository (charts packaged with `helm package`, indexed with `helm repo index`, served by a
// small static server, optionally behind basic auth) and an OCI registry (go-containerregistry's
// in-memory `registry`, built from Go modules by test/cluster/build-registry.sh, charts pushed with
// `helm push --plain-http`).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { helmBinary } from './helm-binary.js';
import { toolDirectory } from './tool-build.js';

const run = promisify(execFile);

/** Runs the helm built for the tests; its stdout. */
export async function helm(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return (await run(await helmBinary(), args, { env })).stdout;
}

/** Packages each chart directory into `dir` (`<name>-<version>.tgz`). */
export async function packageCharts(chartDirs: readonly string[], dir: string): Promise<void> {
  for (const chart of chartDirs) await helm(['package', chart, '--destination', dir]);
}

export interface ChartRepository {
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  url: string;
  /** Requests served, as `METHOD /path status`. */
  requests: string[];
  close(): Promise<void>;
}

/** Serves `dir` (its index.yaml written by `helm repo index` for this URL) as a chart repository. */
export async function startChartRepository(dir: string, auth?: { username: string; password: string }): Promise<ChartRepository> {
  const requests: string[] = [];
  const expected = auth ? `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}` : undefined;
  const server = http.createServer((req, res) => {
    const file = path.join(dir, path.basename(decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/')));
    const status = expected && req.headers.authorization !== expected ? 401 : readdirSync(dir).includes(path.basename(file)) ? 200 : 404;
    requests.push(`${req.method ?? ''} ${req.url ?? ''} ${status}`);
    if (status !== 200) {
      res.writeHead(status, status === 401 ? { 'www-authenticate': 'Basic realm="charts"' } : {}).end();
      return;
    }
    res.writeHead(200, { 'content-type': file.endsWith('.yaml') ? 'text/yaml' : 'application/gzip' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await helm(['repo', 'index', dir, '--url', url]);
  return { url, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A fresh directory of packaged charts, removed by the returned function. */
export function chartPackageDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kube-gitops-charts-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The registry binary; built once per machine (cached in ~/.cache/kube-gitops/tools/<key>). */
export async function registryBinary(): Promise<string> {
  return path.join(await toolDirectory('build-registry.sh', 'the OCI registry'), 'registry');
}

export interface OciRegistry {
  /** `127.0.0.1:<port>`. */
  host: string;
  close(): Promise<void>;
}

/** Starts an empty in-memory OCI registry on 127.0.0.1 and an unused port. */
export async function startOciRegistry(): Promise<OciRegistry> {
  const child = spawn(await registryBinary(), ['-port', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const port = await new Promise<number>((resolve, reject) => {
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /serving on port (\d+)/.exec(err);
      if (m?.[1]) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`the OCI registry exited (${String(code)}): ${err}`)));
  });
  return { host: `127.0.0.1:${port}`, close: () => stop(child) };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Pushes a packaged chart to `oci://<host>/<repository>` over plain HTTP. */
export async function pushChart(archive: string, registry: OciRegistry, repository: string): Promise<void> {
  await helm(['push', archive, `oci://${registry.host}/${repository}`, '--plain-http']);
}

/** Points helm's config, cache and data homes (HELM_*) at a fresh directory; returns the restore. */
export function isolatedHelmHome(): () => void {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kube-gitops-helm-home-'));
  const names = ['HELM_CONFIG_HOME', 'HELM_CACHE_HOME', 'HELM_DATA_HOME'] as const;
  const before = names.map((n) => process.env[n]);
  names.forEach((n, i) => (process.env[n] = path.join(dir, String(i))));
  return () => {
    names.forEach((n, i) => {
      const value = before[i];
      if (value === undefined) delete process.env[n];
      else process.env[n] = value;
    });
    rmSync(dir, { recursive: true, force: true });
  };
}
