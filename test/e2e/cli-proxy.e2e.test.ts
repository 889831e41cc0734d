// dist/cli.js through a kubeconfig's `proxy-url`: the bundles take undici and client-node by the
// parts we use (scripts/slim-packages.ts), so the path through client-node's proxy dispatcher is run
// as users run it, against the local control plane, through an HTTP CONNECT proxy on 127.0.0.1 that
// tunnels only to the API server and records every tunnel asked for.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { dump, load } from 'js-yaml';
import { runCliBundle } from '../support/run-cli.js';
import { testCluster, uniqueName, type TestCluster } from '../support/test-cluster.js';

interface Kubeconfig {
  clusters: { name: string; cluster: Record<string, unknown> }[];
}

/** An HTTP CONNECT proxy on 127.0.0.1 that tunnels only to `allowed` (host:port) and records what it was asked. */
async function connectProxy(allowed: string): Promise<{ url: string; asked: string[]; close: () => Promise<void> }> {
  const asked: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((_req, res) => res.writeHead(405).end());
  server.on('connect', (req: http.IncomingMessage, client: net.Socket) => {
    const target = req.url ?? '';
    asked.push(target);
    sockets.add(client);
    if (target !== allowed) {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const [host = '', port = ''] = [target.slice(0, target.lastIndexOf(':')), target.slice(target.lastIndexOf(':') + 1)];
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
    };
    upstream.on('error', drop);
    client.on('error', drop);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    asked,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('the command line through a kubeconfig proxy-url (dist/cli.js end to end)', () => {
  let c: TestCluster;
  let dir: string;
  let proxy: Awaited<ReturnType<typeof connectProxy>>;
  const ns = uniqueName('proxy');

  before(async () => {
    c = await testCluster();
    dir = mkdtempSync(path.join(os.tmpdir(), 'kg-cli-proxy-'));
    mkdirSync(path.join(dir, 'deploy'));
    writeFileSync(
      path.join(dir, 'deploy/app.yaml'),
      `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: ${ns}\ndata:\n  mode: fast\n`,
    );
    const kubeconfig = load(c.kubeconfigText) as Kubeconfig;
    const server = new URL(String(kubeconfig.clusters[0]?.cluster.server));
    proxy = await connectProxy(`${server.hostname}:${server.port}`);
    for (const entry of kubeconfig.clusters) entry.cluster['proxy-url'] = proxy.url;
    writeFileSync(path.join(dir, 'kubeconfig'), dump(kubeconfig));
  });

  after(async () => {
    await proxy.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('plans through the proxy: every request tunnels to the API server and the plan is the cluster’s', async () => {
    const run = await runCliBundle(
      ['plan', '--path', 'deploy', '--name', ns, '--namespace', ns, '--inventory-namespace', 'default', '--kubeconfig', 'kubeconfig', '--exit-code'],
      {
        cwd: dir,
      },
    );
    assert.equal(run.code, 2, run.stdout + run.stderr);
    assert.match(run.stdout, /2 create, 0 update/);
    assert.ok(proxy.asked.length > 0, 'no tunnel was asked for');
    assert.deepEqual(new Set(proxy.asked), new Set([new URL(String((load(c.kubeconfigText) as Kubeconfig).clusters[0]?.cluster.server)).host]));
  });

  it('fails with one line naming the API server and the proxy’s answer when the proxy refuses the tunnel', async () => {
    const refusing = await connectProxy('127.0.0.1:1');
    const kubeconfig = load(c.kubeconfigText) as Kubeconfig;
    for (const entry of kubeconfig.clusters) entry.cluster['proxy-url'] = refusing.url;
    writeFileSync(path.join(dir, 'refused.kubeconfig'), dump(kubeconfig));
    try {
      const run = await runCliBundle(
        ['plan', '--path', 'deploy', '--name', ns, '--namespace', ns, '--inventory-namespace', 'default', '--kubeconfig', 'refused.kubeconfig'],
        { cwd: dir },
      );
      assert.equal(run.code, 1, run.stdout + run.stderr);
      assert.ok(refusing.asked.length > 0, 'the proxy was not asked');
      assert.match(run.stderr, /^kube-gitops failed: the connection to the Kubernetes API at https:\/\/127\.0\.0\.1:\d+ failed: Proxy response \(403\)/m);
      assert.doesNotMatch(run.stderr, /\n\s+at /, 'a stack trace was printed');
    } finally {
      await refusing.close();
    }
  });
});
