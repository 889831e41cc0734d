// The test control plane never dials off this machine: every address it may connect to is on
// loopback. A webhook or an APIService backed by a Service is called at the Service's ClusterIP, and
// pods get kwok's addresses; both ranges are in 127.0.0.0/8, where nothing of ours listens on the
// ports used here, so each call ends in a local connection refusal.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { POD_CIDR, SERVICE_CIDR } from '../cluster/control-plane.js';
import { testCluster, testNamespace, uniqueName, type TestCluster } from '../support/test-cluster.js';

const POLL_MS = 500;
const PATIENCE_MS = 180_000;

function isLoopback(ip: string): boolean {
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(ip);
}

async function eventually<T>(what: string, read: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + PATIENCE_MS;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await read();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  throw new Error(`${what} did not happen${last instanceof Error ? `: ${last.message}` : ''}`);
}

function service(name: string, namespace: string): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace },
    spec: { ports: [{ name: 'https', port: 443, targetPort: 8443 }] },
  });
}

describe('the test control plane dials only loopback addresses', () => {
  let cluster: TestCluster;
  let ns: { name: string; cleanup: () => Promise<void> };
  const cleanups: (() => Promise<unknown>)[] = [];

  before(async () => {
    cluster = await testCluster();
    ns = await testNamespace('loopback');
  });
  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    await ns.cleanup();
  });

  it('gives Services ClusterIPs in the loopback range it was started with', async () => {
    assert.match(SERVICE_CIDR, /^127\./);
    const ip = (await cluster.kubectl(['get', 'service', 'kubernetes', '-n', 'default', '-o', 'jsonpath={.spec.clusterIP}'])).trim();
    assert.ok(isLoopback(ip), `the kubernetes Service's ClusterIP ${ip} is not on loopback`);
  });

  it('calls a Service-backed validating webhook at a loopback ClusterIP, refused locally', async () => {
    const name = uniqueName('hook');
    await cluster.kubectl(['apply', '-f', '-'], service(name, ns.name));
    cleanups.push(() => cluster.kubectl(['delete', 'validatingwebhookconfiguration', name, '--ignore-not-found']));
    const ip = (await cluster.kubectl(['get', 'service', name, '-n', ns.name, '-o', 'jsonpath={.spec.clusterIP}'])).trim();
    assert.ok(isLoopback(ip), `ClusterIP ${ip}`);
    await cluster.kubectl(['label', 'namespace', ns.name, `kube-gitops-test/webhook=${name}`]);
    await cluster.kubectl(
      ['apply', '-f', '-'],
      JSON.stringify({
        apiVersion: 'admissionregistration.k8s.io/v1',
        kind: 'ValidatingWebhookConfiguration',
        metadata: { name },
        webhooks: [
          {
            name: `${name}.kube-gitops.test`,
            clientConfig: { service: { namespace: ns.name, name, port: 443 } },
            rules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['configmaps'] }],
            // Only this test's namespace: nothing else in the cluster meets the webhook.
            namespaceSelector: { matchLabels: { 'kube-gitops-test/webhook': name } },
            failurePolicy: 'Fail',
            sideEffects: 'None',
            admissionReviewVersions: ['v1'],
            timeoutSeconds: 5,
          },
        ],
      }),
    );
    // The configuration takes effect once the API server's informer has it: retry until the webhook is called.
    const message = await eventually('a ConfigMap create calling the webhook', async () => {
      try {
        await cluster.kubectl(['create', 'configmap', uniqueName('probe'), '-n', ns.name]);
        return undefined;
      } catch (error) {
        const text = error instanceof Error ? error.message : String(error);
        return text.includes('failed calling webhook') ? text : undefined;
      }
    });
    assert.match(message, new RegExp(`dial tcp ${ip.replaceAll('.', '\\.')}:443: connect: connection refused`));
  });

  it('checks a Service-backed APIService at a loopback ClusterIP, refused locally', async () => {
    const name = uniqueName('api');
    const group = `${name}.kube-gitops.test`;
    await cluster.kubectl(['apply', '-f', '-'], service(name, ns.name));
    const ip = (await cluster.kubectl(['get', 'service', name, '-n', ns.name, '-o', 'jsonpath={.spec.clusterIP}'])).trim();
    assert.ok(isLoopback(ip), `ClusterIP ${ip}`);
    // The availability check dials only when the Service has a ready endpoint. Endpoint addresses may
    // not be loopback (API validation), so this one is from TEST-NET-1 (RFC 5737, never routed); it is
    // never dialled: without --enable-aggregator-routing the API server connects to the ClusterIP.
    await cluster.kubectl(
      ['apply', '-f', '-'],
      JSON.stringify({
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: {
          name,
          namespace: ns.name,
          labels: { 'kubernetes.io/service-name': name, 'endpointslice.kubernetes.io/managed-by': 'kube-gitops-test' },
        },
        addressType: 'IPv4',
        endpoints: [{ addresses: ['192.0.2.1'], conditions: { ready: true } }],
        ports: [{ name: 'https', port: 8443, protocol: 'TCP' }],
      }),
    );
    cleanups.push(() => cluster.kubectl(['delete', 'apiservice', `v1.${group}`, '--ignore-not-found']));
    await cluster.kubectl(
      ['apply', '-f', '-'],
      JSON.stringify({
        apiVersion: 'apiregistration.k8s.io/v1',
        kind: 'APIService',
        metadata: { name: `v1.${group}` },
        spec: {
          group,
          version: 'v1',
          service: { namespace: ns.name, name, port: 443 },
          insecureSkipTLSVerify: true,
          groupPriorityMinimum: 10,
          versionPriority: 10,
        },
      }),
    );
    const message = await eventually('the APIService availability check', async () => {
      const out = await cluster.kubectl(['get', 'apiservice', `v1.${group}`, '-o', 'jsonpath={.status.conditions[?(@.type=="Available")].message}']);
      return out.includes('connection refused') ? out : undefined;
    });
    assert.ok(message.includes(`${ip}:443`), message);
    assert.ok(!message.includes('192.0.2.1'), `the endpoint address was dialled: ${message}`);
    await cluster.kubectl(['delete', 'apiservice', `v1.${group}`]);
  });

  it('gives pods loopback addresses', async () => {
    assert.match(POD_CIDR, /^127\./);
    const name = uniqueName('pod');
    await cluster.kubectl(
      ['apply', '-f', '-'],
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name, namespace: ns.name },
        spec: { containers: [{ name: 'app', image: 'registry.invalid/app:1' }] },
      }),
    );
    const ip = await eventually('the pod getting an address', async () => {
      const out = (await cluster.kubectl(['get', 'pod', name, '-n', ns.name, '-o', 'jsonpath={.status.podIP}'])).trim();
      return out === '' ? undefined : out;
    });
    assert.ok(isLoopback(ip), `pod IP ${ip}`);
  });
});
