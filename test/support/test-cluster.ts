// What integration tests use: the local control plane (started or reused), a client to it, and a
// fresh namespace per test; and, for tests that need two clusters at once, the second plane
// (etcd + kube-apiserver only: see test/cluster/control-plane.ts), started on first use and stopped
// by the global teardown of the run that started it.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { K8sClient } from '../../src/cluster/k8s-client.js';
import { kubectl, PLANE_COMPONENTS, up, type ClusterState, type PlaneName } from '../cluster/control-plane.js';

/** Set by test/global-setup.mjs for the run; a plane started under it is stopped by its teardown. */
export const RUN_ID_ENV = 'KUBE_GITOPS_TEST_RUN';

export interface TestCluster {
  state: ClusterState;
  kubeconfigText: string;
  client(): K8sClient;
  kubectl(args: string[], stdin?: string): Promise<string>;
}

const clusters = new Map<PlaneName, Promise<TestCluster>>();

function connect(plane: PlaneName): Promise<TestCluster> {
  const log = (line: string) => process.stderr.write(`[cluster${plane === 'main' ? '' : ` ${plane}`}] ${line}\n`);
  return up(log, plane === 'main' ? {} : { plane, runId: process.env[RUN_ID_ENV] }).then(({ state, reused, startSeconds }) => {
    if (!reused) log(`started in ${startSeconds.toFixed(1)}s at ${state.server}`);
    const kubeconfigText = readFileSync(state.kubeconfig, 'utf8');
    return {
      state,
      kubeconfigText,
      client: () => new K8sClient({ kubeconfig: kubeconfigText }),
      kubectl: (args: string[], stdin?: string) => kubectl(state, args, stdin),
    };
  });
}

function cluster(plane: PlaneName): Promise<TestCluster> {
  let c = clusters.get(plane);
  if (!c) {
    c = connect(plane);
    clusters.set(plane, c);
  }
  return c;
}

/** The running local control plane; starts it when none is running (a test never skips for lack of one). */
export function testCluster(): Promise<TestCluster> {
  return cluster('main');
}

/**
 * The second control plane, with its own state directory, ports and CA: started on first use (or
 * reused), so runs that never call this never start it. It serves the API only (no controllers, no
 * nodes): apply and dry-run objects there, do not expect pods or finished deletions.
 */
export function secondTestCluster(): Promise<TestCluster> {
  return cluster('second');
}

/**
 * Creates a uniquely named namespace on `on` (the main plane by default). On a plane with a
 * controller-manager it is ready for pods: its `default` ServiceAccount exists (until then the
 * ServiceAccount admission plugin refuses pods, as on any real cluster). Delete it with the returned
 * cleanup (on a plane without controllers it stays Terminating until the plane stops).
 */
export async function testNamespace(prefix: string, on: Promise<TestCluster> = testCluster()): Promise<{ name: string; cleanup: () => Promise<void> }> {
  const c = await on;
  const name = `${prefix}-${randomBytes(3).toString('hex')}`;
  await c.kubectl(['create', 'namespace', name]);
  if (PLANE_COMPONENTS[c.state.plane ?? 'main'].includes('kube-controller-manager')) {
    await c.kubectl(['wait', '--for=create', 'serviceaccount/default', '-n', name, '--timeout=300s']);
  }
  return { name, cleanup: async () => void (await c.kubectl(['delete', 'namespace', name, '--wait=false'])) };
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString('hex')}`;
}
