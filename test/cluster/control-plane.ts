// Starts and stops the local Kubernetes control planes the tests and the demo run against, all on
// 127.0.0.1, built from Go modules by build.sh (one build, cached, serves every plane):
// - `main`: etcd, kube-apiserver, kube-controller-manager, kube-scheduler and kwok (fake nodes whose
//   pods become Running and Ready); shared by every test and the demo;
// - `second`: etcd, kube-apiserver and a controller-manager running only the controllers an apply
//   and a prune need (PLANE_CONTROLLERS), for tests that need two clusters at once (fleets). Same
//   admission plugins and loopback ranges; no scheduler and no nodes, so its pods never run.
// Each plane has its own state directory, ports, PKI and lock; `up` reuses a healthy one.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from './plane-build.js';
import {
  kubectl,
  launchControllerManager,
  launchNodes,
  POD_CIDR,
  readyz,
  SERVICE_CIDR,
  startApiServer,
  startEtcd,
  untilControllersReady,
  untilNodesReady,
} from './plane-components.js';
import { writeKubeconfig } from './plane-files.js';
import { COMPONENTS, freePorts, isOurProcess, stopProcess, type Component } from './plane-processes.js';
import { withStateLock } from './state-lock.js';

export { COMPONENTS, kubectl, POD_CIDR, SERVICE_CIDR };

const run = promisify(execFile);

export type PlaneName = 'main' | 'second';

/** What each plane runs, in start order. */
export const PLANE_COMPONENTS: Readonly<Record<PlaneName, readonly Component[]>> = {
  main: COMPONENTS,
  second: ['etcd', 'kube-apiserver', 'kube-controller-manager'],
};

/**
 * The controllers each plane's controller-manager runs; undefined: all (the default). `second` runs
 * those without which an apply or a prune never finishes as on a real cluster: the garbage collector
 * (a prune deletes in the foreground), namespace deletion, `default` ServiceAccounts and their legacy
 * token Secrets, `kube-root-ca.crt`, the aggregated ClusterRoles (admin, edit, view).
 */
export const PLANE_CONTROLLERS: Readonly<Record<PlaneName, readonly string[] | undefined>> = {
  main: undefined,
  second: ['garbagecollector', 'namespace', 'serviceaccount', 'serviceaccount-token', 'root-ca-cert-publisher', 'clusterrole-aggregation'],
};

export interface PlaneOptions {
  /** The plane to start, reuse or stop; `main` when absent. */
  plane?: PlaneName;
  /** Recorded as `startedBy` when this call starts the plane (not when it reuses one): the test run's id. */
  runId?: string;
}

/** What a running cluster leaves in its state directory (state.json). */
export interface ClusterState {
  /** Absent in state written before there were two planes: `main`. */
  plane?: PlaneName;
  dir: string;
  binDir: string;
  kubeconfig: string;
  kubectl: string;
  server: string;
  /** The PID of each component the plane runs (PLANE_COMPONENTS). */
  pids: Partial<Record<Component, number>>;
  startedAt: string;
  /** The id of the test run that started the plane (PlaneOptions.runId), so that run's teardown stops it. */
  startedBy?: string;
}

export interface UpResult {
  state: ClusterState;
  reused: boolean;
  buildSeconds: number;
  startSeconds: number;
}

type Log = (line: string) => void;
const quiet: Log = () => {};

export function cacheRoot(): string {
  return process.env.KUBE_GITOPS_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'kube-gitops');
}

/** `main`: KUBE_GITOPS_CLUSTER_DIR or `<cache>/cluster`; any other plane: that path with `-<plane>` appended. */
export function stateDir(plane: PlaneName = 'main'): string {
  const main = process.env.KUBE_GITOPS_CLUSTER_DIR ?? path.join(cacheRoot(), 'cluster');
  return plane === 'main' ? main : `${main}-${plane}`;
}

export function readState(dir = stateDir()): ClusterState | undefined {
  const file = path.join(dir, 'state.json');
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as ClusterState;
}

/** True when every process the plane runs is ours and alive and the apiserver answers /readyz. */
export async function isHealthy(state: ClusterState): Promise<boolean> {
  if (!PLANE_COMPONENTS[state.plane ?? 'main'].every((c) => isOurProcess(state.pids[c], state.binDir))) return false;
  return (await readyz(state)) === 'ok';
}

/** Reuses a healthy plane, or builds the binaries (cached) and starts a new one. */
export function up(log: Log = quiet, options: PlaneOptions = {}): Promise<UpResult> {
  const plane = options.plane ?? 'main';
  return withStateLock(stateDir(plane), log, () => upLocked(plane, options.runId, log));
}

async function upLocked(plane: PlaneName, runId: string | undefined, log: Log): Promise<UpResult> {
  const existing = readState(stateDir(plane));
  if (existing && (await isHealthy(existing))) return { state: existing, reused: true, buildSeconds: 0, startSeconds: 0 };
  if (existing) await downLocked(plane, log);

  const buildStart = Date.now();
  const binDir = await build(log);
  const buildSeconds = (Date.now() - buildStart) / 1000;
  const startAt = Date.now();
  const state = await start(binDir, plane, runId, log);
  return { state, reused: false, buildSeconds, startSeconds: (Date.now() - startAt) / 1000 };
}

/** Stops exactly the processes recorded in state.json (checking they are ours) and removes the state. */
export function down(log: Log = quiet, options: PlaneOptions = {}): Promise<void> {
  const plane = options.plane ?? 'main';
  return withStateLock(stateDir(plane), log, () => downLocked(plane, log));
}

async function downLocked(plane: PlaneName, log: Log): Promise<void> {
  const dir = stateDir(plane);
  const state = readState(dir);
  if (state) await stopAll(state.pids, state.binDir, log);
  rmSync(dir, { recursive: true, force: true });
}

async function stopAll(pids: Partial<Record<Component, number>>, binDir: string, log: Log): Promise<void> {
  for (const c of [...COMPONENTS].reverse()) await stopProcess(pids[c], binDir, c, log);
}

async function start(binDir: string, plane: PlaneName, runId: string | undefined, log: Log): Promise<ClusterState> {
  const dir = stateDir(plane);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'pki'), { recursive: true, mode: 0o700 });
  await run(path.join(binDir, 'pki'), [path.join(dir, 'pki')]);
  const components = PLANE_COMPONENTS[plane];
  // etcd takes two ports (client, peer), every other component one.
  const [etcdPort = 0, peerPort = 0, apiPort = 0, ...workerPorts] = await freePorts(components.length + 1);
  const server = `https://127.0.0.1:${apiPort}`;
  const state: ClusterState = {
    plane,
    dir,
    binDir,
    kubeconfig: writeKubeconfig(dir, server),
    kubectl: path.join(binDir, 'kubectl'),
    server,
    pids: {},
    startedAt: new Date().toISOString(),
    ...(runId === undefined ? {} : { startedBy: runId }),
  };
  try {
    const etcdUrl = await startEtcd(state, etcdPort, peerPort, log);
    await startApiServer(state, etcdUrl, apiPort, log);
    const [kcmPort = 0, schedPort = 0, kwokPort = 0] = workerPorts;
    const controllers = components.includes('kube-controller-manager');
    const nodes = components.includes('kwok');
    if (controllers) launchControllerManager(state, kcmPort, PLANE_CONTROLLERS[plane]);
    if (nodes) await launchNodes(state, schedPort, kwokPort);
    if (controllers) await untilControllersReady(state, log);
    if (nodes) await untilNodesReady(state, log);
    const final = { ...state, startedAt: new Date().toISOString() };
    writeFileSync(path.join(dir, 'state.json'), JSON.stringify(final, null, 2));
    return final;
  } catch (error) {
    await stopAll(state.pids, binDir, log);
    throw error;
  }
}
