// The adapter's transport: retries, Retry-After, gzip, Warning headers, keep-alive, path prefixes.
// A real API server cannot be made to send a 429, a 503 or a reset connection on demand, so these
// run against a local HTTP server that does exactly that; Kubernetes semantics are tested against
// the local control plane (test/integration/cluster-adapter.test.ts).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo, Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { after, before, beforeEach, describe, it } from 'node:test';
import { K8sClient } from '../../../src/cluster/k8s-client.js';
import type { ResourceType } from '../../../src/cluster/cluster-client.js';
import { ClusterError } from '../../../src/cluster/cluster-error.js';
import { ClusterUnreachableError, UnreadableResponseError } from '../../../src/cluster/connection-errors.js';
import { ConfigurationError } from '../../../src/model/errors.js';

type Reply = (req: http.IncomingMessage, res: http.ServerResponse) => void;

interface Seen {
  path: string;
  at: number;
  socket: Socket;
  acceptEncoding: string | undefined;
  authorization: string | undefined;
}

const VERSION: Reply = (_req, res) => json(res, 200, { gitVersion: 'v1.36.3' });
const CONFIGMAPS: ResourceType = { group: '', version: 'v1', kind: 'ConfigMap', plural: 'configmaps', namespaced: true, verbs: ['list', 'patch'] };

function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function status(code: number, reason: string, message: string): Record<string, unknown> {
  return { kind: 'Status', apiVersion: 'v1', status: 'Failure', code, reason, message };
}

describe('the cluster adapter transport, against a local HTTP server that misbehaves on purpose', () => {
  let server: http.Server;
  let url: string;
  let replies: Reply[] = [];
  let seen: Seen[] = [];
  before(async () => {
    server = http.createServer((req, res) => {
      seen.push({
        path: req.url ?? '',
        at: performance.now(),
        socket: req.socket,
        acceptEncoding: req.headers['accept-encoding'],
        authorization: req.headers.authorization,
      });
      req.resume();
      req.on('end', () => (replies.shift() ?? VERSION)(req, res));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));
  beforeEach(() => {
    replies = [];
    seen = [];
  });
  const client = (serverUrl = url, maxAttempts = 5, user = '{token: unit-token}') =>
    new K8sClient({
      maxAttempts,
      kubeconfig: `apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "${serverUrl}", insecure-skip-tls-verify: true}}]\nusers: [{name: u, user: ${user}}]\ncontexts: [{name: c, context: {cluster: c, user: u}}]\ncurrent-context: c\n`,
    });

  it('waits as long as Retry-After says after a 429, then retries', async () => {
    replies = [(_req, res) => json(res, 429, status(429, 'TooManyRequests', 'slow down'), { 'retry-after': '1' }), VERSION];
    const c = client();
    assert.equal(await c.serverVersion(), 'v1.36.3');
    await c.close();
    assert.equal(seen.length, 2);
    assert.ok(seen[1]!.at - seen[0]!.at >= 950, `retried after ${Math.round(seen[1]!.at - seen[0]!.at)} ms, not after the 1 s the server asked for`);
  });

  it('retries a 503 and a reset connection with backoff, and sends the token every time', async () => {
    replies = [(_req, res) => json(res, 503, status(503, 'ServiceUnavailable', 'etcd leader changed')), (req) => req.socket.destroy(), VERSION];
    const c = client();
    assert.equal(await c.serverVersion(), 'v1.36.3');
    await c.close();
    assert.equal(seen.length, 3);
    assert.deepEqual(
      seen.map((s) => s.authorization),
      ['Bearer unit-token', 'Bearer unit-token', 'Bearer unit-token'],
    );
  });

  it("gives up after the last attempt with the server's own message, naming the verb, the object and the attempts", async () => {
    replies = [0, 1].map(() => (_req, res) => json(res, 503, status(503, 'ServiceUnavailable', 'etcd leader changed')));
    const c = client(url, 2);
    const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app', namespace: 'web' } };
    await assert.rejects(
      c.apply(CONFIGMAPS, configMap, { fieldManager: 'kube-gitops', force: false, dryRun: true }),
      (error: unknown) =>
        error instanceof ClusterError &&
        error.status === 503 &&
        error.reason === 'ServiceUnavailable' &&
        error.message === 'etcd leader changed (the dry-run apply of ConfigMap/web/app gave up after 2 attempts)',
    );
    await c.close();
    assert.equal(seen.length, 2);
  });

  it('names the object of a request whose connection failed on every attempt', async () => {
    replies = [0, 1].map(() => (req: http.IncomingMessage) => req.socket.destroy());
    const c = client(url, 2);
    await assert.rejects(
      c.get(CONFIGMAPS, { group: '', version: 'v1', kind: 'ConfigMap', namespace: 'web', name: 'app' }),
      (error: unknown) =>
        error instanceof ClusterUnreachableError &&
        error.message === `cannot reach the Kubernetes API at ${url} (${error.code}; the get of ConfigMap/web/app gave up after 2 attempts)`,
    );
    await c.close();
  });

  it('does not claim retries for an error it does not retry', async () => {
    replies = [(_req, res) => json(res, 422, status(422, 'Invalid', 'ConfigMap "app" is invalid'))];
    const c = client(url, 3);
    await assert.rejects(
      c.list(CONFIGMAPS, { namespace: 'web' }),
      (error: unknown) => error instanceof ClusterError && error.message === 'ConfigMap "app" is invalid',
    );
    await c.close();
    assert.equal(seen.length, 1);
  });

  it('names the missing context and lists the contexts the kubeconfig has', () => {
    const kubeconfig =
      `apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "${url}"}}]\nusers: [{name: u, user: {token: t0ken-value}}]\n` +
      'contexts: [{name: staging, context: {cluster: c, user: u}}, {name: prod, context: {cluster: c, user: u}}]\ncurrent-context: staging\n';
    assert.throws(
      () => new K8sClient({ kubeconfig, context: 'nope' }),
      (error: unknown) =>
        error instanceof ConfigurationError &&
        error.input === 'context' &&
        error.message === "The kubeconfig has no context 'nope' (input context); its contexts are 'staging', 'prod'.",
    );
    assert.throws(
      () => new K8sClient({ kubeconfig: kubeconfig.replace('current-context: staging', 'current-context: gone') }),
      (error: unknown) =>
        error instanceof ConfigurationError &&
        error.message ===
          "The kubeconfig cannot be used: its current-context 'gone' is not one of its contexts and the input context is empty; its contexts are 'staging', 'prod'.",
    );
    assert.throws(
      () =>
        new K8sClient({ kubeconfig: kubeconfig.replace('{name: prod, context: {cluster: c,', '{name: prod, context: {cluster: elsewhere,'), context: 'prod' }),
      (error: unknown) =>
        error instanceof ConfigurationError &&
        error.message === "The kubeconfig cannot be used: its context 'prod' names cluster 'elsewhere', which it does not define.",
    );
  });

  it('names the server, without its userinfo, when it cannot be reached at all', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const c = client(`http://admin:s3cretpass@127.0.0.1:${port}`, 2);
    await assert.rejects(
      c.serverVersion(),
      (error: unknown) =>
        error instanceof ClusterUnreachableError &&
        error.code === 'ECONNREFUSED' &&
        error.message === `cannot reach the Kubernetes API at http://127.0.0.1:${port} (ECONNREFUSED)`,
    );
    await c.close();
  });

  it('runs an exec plugin itself and sends the token of its ExecCredential, asking it not to be interactive', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kg-exec-'));
    const plugin = path.join(dir, 'plugin');
    writeFileSync(
      plugin,
      '#!/bin/sh\necho "$KUBERNETES_EXEC_INFO" > "$(dirname "$0")/info"\n' +
        'echo \'{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"exec-t0ken-from-plugin"}}\'\n',
      { mode: 0o755 },
    );
    const secrets: string[] = [];
    const c = new K8sClient({
      maxAttempts: 1,
      onSecrets: (v) => secrets.push(...v),
      kubeconfig: `apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "${url}", insecure-skip-tls-verify: true}}]\nusers: [{name: u, user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: "${plugin}", env: [{name: X, value: "1"}]}}}]\ncontexts: [{name: c, context: {cluster: c, user: u}}]\ncurrent-context: c\n`,
    });
    try {
      assert.equal(await c.serverVersion(), 'v1.36.3');
      assert.equal(await c.serverVersion(), 'v1.36.3');
    } finally {
      await c.close();
    }
    assert.deepEqual(
      seen.map((s) => s.authorization),
      ['Bearer exec-t0ken-from-plugin', 'Bearer exec-t0ken-from-plugin'],
    );
    assert.deepEqual(JSON.parse(readFileSync(path.join(dir, 'info'), 'utf8')), {
      apiVersion: 'client.authentication.k8s.io/v1',
      kind: 'ExecCredential',
      spec: { interactive: false },
    });
    assert.deepEqual(secrets, ['exec-t0ken-from-plugin'], 'the credential is registered for masking');
    rmSync(dir, { recursive: true, force: true });
  });

  it('does not retry a TLS failure: it is not the network', async () => {
    const c = client(url.replace('http:', 'https:'), 5);
    await assert.rejects(
      c.serverVersion(),
      (error: unknown) => error instanceof Error && error.name === 'KubeconfigError' && /did not answer with TLS|TLS connection/.test(error.message),
    );
    await c.close();
    assert.equal(seen.length, 0);
  });

  it('asks for gzip and reads a compressed LIST', async () => {
    const items = Array.from({ length: 300 }, (_, i) => ({ metadata: { name: `cm-${i}`, namespace: 'ns' }, data: { v: 'x'.repeat(500) } }));
    replies = [
      (req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        res.end(gzipSync(JSON.stringify({ kind: 'ConfigMapList', apiVersion: 'v1', metadata: {}, items })));
        assert.equal(req.headers['accept-encoding'], 'gzip');
      },
    ];
    const c = client();
    const listed = await c.list(CONFIGMAPS, { namespace: 'ns' });
    await c.close();
    assert.equal(listed.length, 300);
    assert.deepEqual(listed[299], { ...items[299], apiVersion: 'v1', kind: 'ConfigMap' });
    assert.equal(seen[0]!.path, '/api/v1/namespaces/ns/configmaps?limit=500');
  });

  it('reports every Warning header the server sends with an apply', async () => {
    const obj = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'ns' } };
    replies = [(_req, res) => json(res, 201, obj, { warning: ['299 - "unknown field \\"spec.foo\\""', '299 - "deprecated, use \\"b\\""'] })];
    const c = client();
    const result = await c.apply(CONFIGMAPS, obj, { fieldManager: 'kube-gitops', force: false, dryRun: true });
    await c.close();
    assert.deepEqual(result.warnings, ['unknown field "spec.foo"', 'deprecated, use "b"']);
    assert.equal(result.created, true);
    assert.equal(seen[0]!.path, '/api/v1/namespaces/ns/configmaps/a?fieldManager=kube-gitops&fieldValidation=Strict&dryRun=All');
  });

  it('keeps connections alive across sequential requests, and sends them below the server URL path', async () => {
    const c = client(`${url}/k8s/clusters/c-1/`);
    for (let i = 0; i < 20; i++) await c.serverVersion();
    await c.close();
    // Keep-alive: 20 requests on at most 2 connections (undici's pool may hand a request to a second
    // connection while the first still finishes the previous response), never one each.
    assert.ok(new Set(seen.map((s) => s.socket)).size <= 2);
    assert.deepEqual([...new Set(seen.map((s) => s.path))], ['/k8s/clusters/c-1/version']);
  });

  it('sends the token of a token file that ends with a newline (as `kubectl create token > file` writes it)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kg-token-'));
    writeFileSync(path.join(dir, 'token'), 'file-token\n', { mode: 0o600 });
    const c = client(url, 2, `{token-file: "${path.join(dir, 'token')}"}`);
    try {
      assert.equal(await c.serverVersion(), 'v1.36.3');
    } finally {
      await c.close();
      rmSync(dir, { recursive: true, force: true });
    }
    assert.deepEqual(
      seen.map((s) => s.authorization),
      ['Bearer file-token'],
    );
  });

  it('fails on a redirect instead of following it (it could carry the credentials elsewhere)', async () => {
    replies = [
      (_req, res) => {
        res.writeHead(301, { location: 'http://127.0.0.1:9/elsewhere' });
        res.end();
      },
    ];
    const c = client();
    await assert.rejects(c.list(CONFIGMAPS, { namespace: 'ns' }), (error: unknown) => error instanceof ClusterError && error.status === 301);
    await c.close();
    assert.equal(seen.length, 1);
  });

  it('reads an empty gzip-labelled body as empty, and a corrupt one as a clear error', async () => {
    replies = [
      (_req, res) => {
        res.writeHead(200, { 'content-encoding': 'gzip' });
        res.end();
      },
      (_req, res) => {
        res.writeHead(200, { 'content-encoding': 'gzip' });
        res.end('not gzip');
      },
    ];
    const c = client(url, 1);
    assert.equal(await c.serverVersion(), 'unknown');
    await assert.rejects(
      c.serverVersion(),
      (error: unknown) => error instanceof UnreadableResponseError && /gzip body that cannot be read/.test(error.message),
    );
    await c.close();
  });
});
