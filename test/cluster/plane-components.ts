// How each component of a local control plane is started, with its flags, and when it counts as
// ready. Every listener binds 127.0.0.1 and every address the API server may dial is on loopback.
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ClusterState } from './control-plane.js';
import { kwokConfig } from './kwok-stages.js';
import { nodesManifest } from './plane-files.js';
import { httpGet, launch, waitFor } from './plane-processes.js';

type Log = (line: string) => void;

/** ClusterIPs of Services: loopback, so the API server never dials off the machine. */
export const SERVICE_CIDR = '127.96.0.0/16';
/** Pod IPs kwok hands out: loopback too. */
export const POD_CIDR = '127.64.0.1/16';

/** Starts etcd on `port` (clients) and `peerPort`; returns its client URL once /health answers. */
export async function startEtcd(state: ClusterState, port: number, peerPort: number, log: Log): Promise<string> {
  const etcdUrl = `http://127.0.0.1:${port}`;
  state.pids.etcd = launch(state.binDir, state.dir, 'etcd', [
    `--data-dir=${path.join(state.dir, 'etcd')}`,
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
  await waitFor('etcd /health', state.dir, 'etcd', async () => (await httpGet(`${etcdUrl}/health`)).includes('"health":"true"'));
  log('etcd ready');
  return etcdUrl;
}

export async function startApiServer(state: ClusterState, etcdUrl: string, port: number, log: Log): Promise<void> {
  const pki = (f: string) => path.join(state.dir, 'pki', f);
  state.pids['kube-apiserver'] = launch(state.binDir, state.dir, 'kube-apiserver', [
    `--etcd-servers=${etcdUrl}`,
    '--bind-address=127.0.0.1',
    `--secure-port=${port}`,
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
  await waitFor('kube-apiserver /readyz', state.dir, 'kube-apiserver', async () => (await readyz(state)) === 'ok', 120_000);
  log('kube-apiserver ready');
}

/** Launches the controller-manager with `controllers` (all when undefined); untilControllersReady waits for it. */
export function launchControllerManager(state: ClusterState, port: number, controllers: readonly string[] | undefined): void {
  const pki = (f: string) => path.join(state.dir, 'pki', f);
  state.pids['kube-controller-manager'] = launch(state.binDir, state.dir, 'kube-controller-manager', [
    ...componentFlags(state),
    `--secure-port=${port}`,
    `--root-ca-file=${pki('ca.crt')}`,
    `--service-account-private-key-file=${pki('sa.key')}`,
    '--profiling=false',
    ...(controllers === undefined ? [] : [`--controllers=${controllers.join(',')}`]),
    '--concurrent-deployment-syncs=10',
    '--concurrent-replicaset-syncs=10',
    '--kube-api-qps=200',
    '--kube-api-burst=400',
  ]);
}

/** The controller-manager is ready when the `default` ServiceAccount exists. */
export async function untilControllersReady(state: ClusterState, log: Log): Promise<void> {
  await waitFor(
    'ServiceAccount default/default (controller-manager)',
    state.dir,
    'kube-controller-manager',
    async () => (await tryKubectl(state, ['get', 'serviceaccount', 'default', '-n', 'default', '-o', 'name'])) !== undefined,
  );
  log('controller-manager ready');
}

/** Launches the scheduler, creates two fake Nodes and launches kwok to run them: what makes pods run. */
export async function launchNodes(state: ClusterState, schedPort: number, kwokPort: number): Promise<void> {
  const { binDir, dir, kubeconfig } = state;
  state.pids['kube-scheduler'] = launch(binDir, dir, 'kube-scheduler', [
    ...componentFlags(state),
    `--secure-port=${schedPort}`,
    '--profiling=false',
    '--kube-api-qps=200',
    '--kube-api-burst=400',
  ]);
  writeFileSync(path.join(dir, 'kwok.yaml'), kwokConfig(binDir));
  await kubectl(state, ['apply', '-f', '-'], nodesManifest(2));
  state.pids.kwok = launch(binDir, dir, 'kwok', [
    `--kubeconfig=${kubeconfig}`,
    `--config=${path.join(dir, 'kwok.yaml')}`,
    '--manage-all-nodes=true',
    '--node-lease-duration-seconds=40',
    `--server-address=127.0.0.1:${kwokPort}`,
    '--node-ip=127.0.0.1',
    `--cidr=${POD_CIDR}`,
    '--node-name=localhost',
  ]);
}

export async function untilNodesReady(state: ClusterState, log: Log): Promise<void> {
  await waitFor('kwok nodes Ready', state.dir, 'kwok', async () => {
    const out = await tryKubectl(state, ['get', 'nodes', '-o', 'jsonpath={.items[*].status.conditions[?(@.type=="Ready")].status}']);
    return out !== undefined && out.trim() === 'True True';
  });
  log('scheduler and kwok ready');
}

/** What the controller-manager and the scheduler share: the admin identity, no leader election, loopback. */
function componentFlags(state: ClusterState): string[] {
  return [
    `--kubeconfig=${state.kubeconfig}`,
    '--leader-elect=false',
    '--bind-address=127.0.0.1',
    `--authentication-kubeconfig=${state.kubeconfig}`,
    `--authorization-kubeconfig=${state.kubeconfig}`,
  ];
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

export async function readyz(state: ClusterState): Promise<string> {
  try {
    const ca = readFileSync(path.join(state.dir, 'pki', 'ca.crt'));
    return await httpGet(`${state.server}/readyz`, ca);
  } catch {
    return '';
  }
}
