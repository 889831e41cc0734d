// The transport under API Priority and Fairness, against a local server that behaves like a priority
// level of one seat and no queue: a request arriving while another is served gets 429. The first
// request is held until a second one has arrived, so the 429 does not depend on timing. Every request
// still completes; the client reports the 429s, the time spent waiting and how low it went; a request
// refused past the 429 budget gives up naming its object.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { ResourceType } from '../../../src/cluster/cluster-client.js';
import { ClusterError } from '../../../src/cluster/cluster-error.js';
import { K8sClient } from '../../../src/cluster/k8s-client.js';

const CONFIGMAPS: ResourceType = { group: '', version: 'v1', kind: 'ConfigMap', plural: 'configmaps', namespaced: true, verbs: ['get'] };
const ref = (name: string) => ({ group: '', version: 'v1', kind: 'ConfigMap', namespace: 'web', name });

describe('the transport when the API server has one seat for us', () => {
  let server: http.Server;
  let url: string;
  let mode: 'one-seat' | 'always-429' = 'one-seat';
  let serving = 0;
  let heldFirst: (() => void) | undefined;
  let sawFirst = false;
  before(async () => {
    server = http.createServer((req, res) => {
      req.resume();
      const reject = () => {
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '0' });
        res.end(
          JSON.stringify({
            kind: 'Status',
            apiVersion: 'v1',
            status: 'Failure',
            code: 429,
            reason: 'TooManyRequests',
            message: 'Too many requests, please try again later.',
          }),
        );
      };
      if (mode === 'always-429') return reject();
      if (serving >= 1) {
        reject();
        // The held first request goes once a second one was refused: a 429 is certain, whatever the timing.
        const go = heldFirst;
        heldFirst = undefined;
        if (go) setImmediate(go);
        return;
      }
      serving++;
      const name = (req.url ?? '').split('/').pop() ?? '';
      const answer = () => {
        serving--;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'web' } }));
      };
      if (sawFirst) return answer();
      sawFirst = true;
      heldFirst = answer;
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));
  const client = () =>
    new K8sClient({
      concurrency: 8,
      kubeconfig: `apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "${url}", insecure-skip-tls-verify: true}}]\nusers: [{name: u, user: {token: t}}]\ncontexts: [{name: c, context: {cluster: c, user: u}}]\ncurrent-context: c\n`,
    });

  it('completes every request, and reports the 429s and how low the limit went', async () => {
    const c = client();
    const names = Array.from({ length: 40 }, (_, i) => `cm-${i}`);
    const got = await Promise.all(names.map((n) => c.get(CONFIGMAPS, ref(n))));
    const t = c.throttling();
    await c.close();
    assert.deepEqual(
      got.map((o) => o?.metadata.name),
      names,
    );
    assert.ok(t.rejected >= 1, `429s seen: ${t.rejected}`);
    assert.ok(t.lowest < 8, `lowest limit ${t.lowest}`);
    assert.equal(t.ceiling, 8);
  });

  it('gives up on a request refused 30 times, naming its object and the attempts', async () => {
    mode = 'always-429';
    const c = client();
    await assert.rejects(
      c.get(CONFIGMAPS, ref('app')),
      (error: unknown) =>
        error instanceof ClusterError && error.status === 429 && error.message.endsWith('(the get of ConfigMap/web/app gave up after 30 attempts)'),
    );
    assert.equal(c.throttling().rejected, 30);
    assert.equal(c.throttling().lowest, 1);
    await c.close();
  });
});
