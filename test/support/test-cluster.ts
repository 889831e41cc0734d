// What integration tests use: the local control plane (started or reused), a client to it, and a
// fresh namespace per test.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { K8sClient } from '../../src/cluster/k8s-client.js';
import { kubectl, up, type ClusterState } from '../cluster/control-plane.js';

export interface TestCluster {
  state: ClusterState;
  kubeconfigText: string;
  client(): K8sClient;
  kubectl(args: string[], stdin?: string): Promise<string>;
}

let cluster: Promise<TestCluster> | undefined;

/** The running local control plane; starts it when none is running (a test never skips for lack of one). */
export function testCluster(): Promise<TestCluster> {
  cluster ??= up((line) => process.stderr.write(`[cluster] ${line}\n`)).then(({ state }) => {
    const kubeconfigText = readFileSync(state.kubeconfig, 'utf8');
    return {
      state,
      kubeconfigText,
      client: () => new K8sClient({ kubeconfig: kubeconfigText }),
      kubectl: (args: string[], stdin?: string) => kubectl(state, args, stdin),
    };
  });
  return cluster;
}

/**
 * Creates a uniquely named namespace, ready for pods: its `default` ServiceAccount exists (the
 * controller-manager creates it; until then the ServiceAccount admission plugin refuses pods, as on
 * any real cluster). Delete it with the returned cleanup.
 */
export async function testNamespace(prefix: string): Promise<{ name: string; cleanup: () => Promise<void> }> {
  const c = await testCluster();
  const name = `${prefix}-${randomBytes(3).toString('hex')}`;
  await c.kubectl(['create', 'namespace', name]);
  await c.kubectl(['wait', '--for=create', 'serviceaccount/default', '-n', name, '--timeout=300s']);
  return { name, cleanup: async () => void (await c.kubectl(['delete', 'namespace', name, '--wait=false'])) };
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString('hex')}`;
}
