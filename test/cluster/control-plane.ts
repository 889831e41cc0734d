// Starts and stops the local Kubernetes control plane the tests and the demo run against:
// etcd, kube-apiserver, kube-controller-manager, kube-scheduler and kwok (fake nodes whose
// pods become Running and Ready), all on 127.0.0.1, built from Go modules by build.sh.
import { execFile, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { kwokConfig } from './kwok-stages.js';
import { withStateLock } from './state-lock.js';

const run = promisify(execFile);
const here = path.dirname(new URL(import.meta.url).pathname);

export const COMPONENTS = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kwok'] as const;
type Component = (typeof COMPONENTS)[number];

/** ClusterIPs of Services: loopback, so the API server never dials off the machine. */
export const SERVICE_CIDR = '127.96.0.0/16';
/** Pod IPs kwok hands out: loopback too. */
export const POD_CIDR = '127.64.0.1/16';

/** What a running cluster leaves in its state directory (state.json). */
export interface ClusterState {
  dir: string;
  binDir: string;
  kubeconfig: string;
  kubectl: string;
  server: string;
  pids: Record<Component, number>;
  startedAt: string;
}

export interface UpResult {
  state: ClusterState;
  reused: boolean;
  buildSeconds: number;
  startSeconds: number;
}

export function cacheRoot(): string {
  return process.env.KUBE_GITOPS_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'kube-gitops');
}

export function stateDir(): string {
  return process.env.KUBE_GITOPS_CLUSTER_DIR ?? path.join(cacheRoot(), 'cluster');
}

export function readState(dir = stateDir()): ClusterState | undefined {
  const file = path.join(dir, 'state.json');
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as ClusterState;
}

/** True when every recorded process is ours and alive and the apiserver answers /readyz. */
export async function isHealthy(state: ClusterState): Promise<boolean> {
  if (!COMPONENTS.every((c) => isOurProcess(state.pids[c], state.binDir))) return false;
  return (await readyz(state)) === 'ok';
}

/** Reuses a healthy cluster, or builds the binaries (cached) and starts a new one. */
export function up(log: (line: string) => void = () => {}): Promise<UpResult> {
  return withStateLock(stateDir(), log, () => upLocked(log));
}

async function upLocked(log: (line: string) => void): Promise<UpResult> {
  const existing = readState();
  if (existing && (await isHealthy(existing))) return { state: existing, reused: true, buildSeconds: 0, startSeconds: 0 };
  if (existing) await downLocked(log);

  const buildStart = Date.now();
  const binDir = await build(log);
  const buildSeconds = (Date.now() - buildStart) / 1000;
  const startAt = Date.now();
  const state = await start(binDir, log);
  return { state, reused: false, buildSeconds, startSeconds: (Date.now() - startAt) / 1000 };
}

/** Stops exactly the processes recorded in state.json (checking they are ours) and removes the state. */
export function down(log: (line: string) => void = () => {}): Promise<void> {
  return withStateLock(stateDir(), log, () => downLocked(log));
}

async function downLocked(log: (line: string) => void): Promise<void> {
  const dir = stateDir();
  const state = readState(dir);
  if (state) {
    for (const c of [...COMPONENTS].reverse()) await stopProcess(state.pids[c], state.binDir, c, log);
  }
  rmSync(dir, { recursive: true, force: true });
}

async function build(log: (line: string) => void): Promise<string> {
  log('building the control plane binaries (cached after the first build)');
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [path.join(here, 'build.sh')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      for (const line of d.toString().split('\n')) if (line.trim()) log(line);
    });
    child.on('error', (e) => reject(new Error(`cannot run test/cluster/build.sh: ${e.message}`)));
    child.on('close', (code) => {
      if (code === 0) resolve(out.trim().split('\n').pop() ?? '');
      else reject(new Error(`building the test control plane failed (exit ${code}):\n${err.split('\n').slice(-25).join('\n')}`));
    });
  });
}

async function start(binDir: string, log: (line: string) => void): Promise<ClusterState> {
  const dir = stateDir();
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'pki'), { recursive: true, mode: 0o700 });
  await run(path.join(binDir, 'pki'), [path.join(dir, 'pki')]);
  const [etcdPort, peerPort, apiPort, kcmPort, schedPort, kwokPort] = await freePorts(6);
  const server = `https://127.0.0.1:${apiPort}`;
  const kubeconfig = writeKubeconfig(dir, server);
  const pki = (f: string) => path.join(dir, 'pki', f);
  const pids = {} as Record<Component, number>;
  const partial = (): ClusterState => ({
    dir,
    binDir,
    kubeconfig,
    kubectl: path.join(binDir, 'kubectl'),
    server,
    pids,
    startedAt: new Date().toISOString(),
  });
  try {
    const etcdUrl = `http://127.0.0.1:${etcdPort}`;
    pids.etcd = launch(binDir, dir, 'etcd', [
      `--data-dir=${path.join(dir, 'etcd')}`,
      '--name=kube-gitops-test',
      `--listen-client-urls=${etcdUrl}`,
      `--advertise-client-urls=${etcdUrl}`,
      `--listen-peer-urls=http://127.0.0.1:${peerPort}`,
      `--initial-advertise-peer-urls=http://127.0.0.1:${peerPort}`,
      `--initial-cluster=kube-gitops-test=http://127.0.0.1:${peerPort}`,
      '--unsafe-no-fsync=true',
      '--log-level=warn',
      '--quota-backend-bytes=8589934592',
    ]);
    await waitFor('etcd /health', dir, 'etcd', async () => (await httpGet(`${etcdUrl}/health`)).includes('"health":"true"'));
    log('etcd ready');

    pids['kube-apiserver'] = launch(binDir, dir, 'kube-apiserver', [
      `--etcd-servers=${etcdUrl}`,
      '--bind-address=127.0.0.1',
      `--secure-port=${apiPort}`,
      '--advertise-address=127.0.0.1',
      '--endpoint-reconciler-type=none',
      `--tls-cert-file=${pki('apiserver.crt')}`,
      `--tls-private-key-file=${pki('apiserver.key')}`,
      `--client-ca-file=${pki('ca.crt')}`,
      '--authorization-mode=Node,RBAC',
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
      `--service-account-signing-key-file=${pki('sa.key')}`,
      `--service-account-key-file=${pki('sa.pub')}`,
      // Every address the API server may dial is on loopback: a webhook or APIService backed by a
      // Service is called at its ClusterIP, which comes from this range (127.0.0.0/8 is all local).
      `--service-cluster-ip-range=${SERVICE_CIDR}`,
      '--allow-privileged=true',
      // The default admission plugins (ServiceAccount, LimitRanger, ResourceQuota, PodSecurity, …),
      // plus NodeRestriction as kubeadm adds it: what a real cluster runs.
      '--enable-admission-plugins=NodeRestriction',
      '--profiling=false',
      '--v=1',
    ]);
    const state = partial();
    await waitFor('kube-apiserver /readyz', dir, 'kube-apiserver', async () => (await readyz(state)) === 'ok', 120_000);
    log('kube-apiserver ready');

    const common = [
      `--kubeconfig=${kubeconfig}`,
      '--leader-elect=false',
      '--bind-address=127.0.0.1',
      `--authentication-kubeconfig=${kubeconfig}`,
      `--authorization-kubeconfig=${kubeconfig}`,
    ];
    pids['kube-controller-manager'] = launch(binDir, dir, 'kube-controller-manager', [
      ...common,
      `--secure-port=${kcmPort}`,
      `--root-ca-file=${pki('ca.crt')}`,
      `--service-account-private-key-file=${pki('sa.key')}`,
      '--profiling=false',
      '--concurrent-deployment-syncs=10',
      '--concurrent-replicaset-syncs=10',
      '--kube-api-qps=200',
      '--kube-api-burst=400',
    ]);
    pids['kube-scheduler'] = launch(binDir, dir, 'kube-scheduler', [
      ...common,
      `--secure-port=${schedPort}`,
      '--profiling=false',
      '--kube-api-qps=200',
      '--kube-api-burst=400',
    ]);

    writeFileSync(path.join(dir, 'kwok.yaml'), kwokConfig(binDir));
    await kubectl(state, ['apply', '-f', '-'], nodesManifest(2));
    pids.kwok = launch(binDir, dir, 'kwok', [
      `--kubeconfig=${kubeconfig}`,
      `--config=${path.join(dir, 'kwok.yaml')}`,
      '--manage-all-nodes=true',
      '--node-lease-duration-seconds=40',
      `--server-address=127.0.0.1:${kwokPort}`,
      '--node-ip=127.0.0.1',
      `--cidr=${POD_CIDR}`,
      '--node-name=localhost',
    ]);
    await waitFor(
      'ServiceAccount default/default (controller-manager)',
      dir,
      'kube-controller-manager',
      async () => (await tryKubectl(state, ['get', 'serviceaccount', 'default', '-n', 'default', '-o', 'name'])) !== undefined,
    );
    await waitFor('kwok nodes Ready', dir, 'kwok', async () => {
      const out = await tryKubectl(state, ['get', 'nodes', '-o', 'jsonpath={.items[*].status.conditions[?(@.type=="Ready")].status}']);
      return out !== undefined && out.trim() === 'True True';
    });
    log('controller-manager, scheduler and kwok ready');
    const final = { ...state, startedAt: new Date().toISOString() };
    writeFileSync(path.join(dir, 'state.json'), JSON.stringify(final, null, 2));
    return final;
  } catch (error) {
    for (const c of [...COMPONENTS].reverse()) await stopProcess(pids[c], binDir, c, log);
    throw error;
  }
}

function launch(binDir: string, dir: string, name: Component, args: string[]): number {
  const logFd = openSync(path.join(dir, `${name}.log`), 'a');
  const env = { ...process.env, KWOK_WORKDIR: path.join(dir, 'kwok-work') };
  const child = spawn(path.join(binDir, name), args, { detached: true, stdio: ['ignore', logFd, logFd], env });
  closeSync(logFd);
  child.unref();
  if (child.pid === undefined) throw new Error(`could not start ${name}`);
  writeFileSync(path.join(dir, `${name}.pid`), String(child.pid));
  return child.pid;
}

/** A PID is ours only while its executable is one of our binaries (guards against PID reuse). */
function isOurProcess(pid: number | undefined, binDir: string): boolean {
  if (!pid) return false;
  try {
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return cmd.startsWith(binDir + '/');
  } catch {
    return false;
  }
}

async function stopProcess(pid: number | undefined, binDir: string, name: string, log: (l: string) => void): Promise<void> {
  if (!pid || !isOurProcess(pid, binDir)) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 10_000;
  while (isOurProcess(pid, binDir) && Date.now() < deadline) await sleep(100);
  if (isOurProcess(pid, binDir)) process.kill(pid, 'SIGKILL');
  while (isOurProcess(pid, binDir)) await sleep(50);
  log(`stopped ${name} (pid ${pid})`);
}

function writeKubeconfig(dir: string, server: string): string {
  const b64 = (f: string) => readFileSync(path.join(dir, 'pki', f)).toString('base64');
  const file = path.join(dir, 'admin.kubeconfig');
  const text = `apiVersion: v1
kind: Config
clusters:
- name: kube-gitops-test
  cluster:
    server: ${server}
    certificate-authority-data: ${b64('ca.crt')}
users:
- name: kube-gitops-admin
  user:
    client-certificate-data: ${b64('admin.crt')}
    client-key-data: ${b64('admin.key')}
contexts:
- name: kube-gitops-test
  context:
    cluster: kube-gitops-test
    user: kube-gitops-admin
    namespace: default
current-context: kube-gitops-test
`;
  writeFileSync(file, text, { mode: 0o600 });
  return file;
}

function nodesManifest(count: number): string {
  return Array.from(
    { length: count },
    (_, i) => `apiVersion: v1
kind: Node
metadata:
  name: kwok-node-${i}
  annotations:
    kwok.x-k8s.io/node: fake
  labels:
    type: kwok
    kubernetes.io/os: linux
    kubernetes.io/arch: amd64
    kubernetes.io/hostname: kwok-node-${i}
status:
  allocatable: {cpu: "640", memory: 2560Gi, pods: "10000"}
  capacity: {cpu: "640", memory: 2560Gi, pods: "10000"}
`,
  ).join('---\n');
}

export async function kubectl(state: ClusterState, args: string[], stdin?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(state.kubectl, [`--kubeconfig=${state.kubeconfig}`, ...args], { maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) =>
      error ? reject(new Error(`kubectl ${args.join(' ')}: ${stderr || error.message}`)) : resolve(stdout),
    );
    if (stdin !== undefined) child.stdin?.end(stdin);
  });
}

async function tryKubectl(state: ClusterState, args: string[]): Promise<string | undefined> {
  try {
    return await kubectl(state, args);
  } catch {
    return undefined;
  }
}

async function readyz(state: ClusterState): Promise<string> {
  try {
    const ca = readFileSync(path.join(state.dir, 'pki', 'ca.crt'));
    return await httpGet(`${state.server}/readyz`, ca);
  } catch {
    return '';
  }
}

function httpGet(url: string, ca?: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const done = (res: http.IncomingMessage) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve(body));
    };
    const req = url.startsWith('https:') ? https.get(url, { ca, timeout: 2000 }, done) : http.get(url, { timeout: 2000 }, done);
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('timeout')));
  });
}

async function waitFor(what: string, dir: string, component: Component, check: () => Promise<boolean>, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await sleep(250);
  }
  const logFile = path.join(dir, `${component}.log`);
  const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n') : '(no log)';
  throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}; last lines of ${logFile}:\n${tail}`);
}

async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<net.Server>((resolve, reject) => {
          const s = net.createServer();
          s.once('error', reject);
          s.listen(0, '127.0.0.1', () => resolve(s));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
