// Real HTTPS servers on 127.0.0.1 with certificates made by openssl for the test: a CA, a server
// certificate it signs (for 127.0.0.1, or for another host name), and a second, unrelated CA.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface TestPki {
  /** PEM of the CA that signed both server certificates. */
  caPem: string;
  /** PEM of a CA that signed nothing here. */
  otherCaPem: string;
  /** Key and certificate for IP 127.0.0.1. */
  server: { key: string; cert: string };
  /** Key and certificate for DNS name other.example only. */
  otherHost: { key: string; cert: string };
}

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
}

function makeCa(dir: string, name: string): void {
  openssl(dir, [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.crt`,
    '-days',
    '2',
    '-subj',
    `/CN=${name}`,
  ]);
}

function makeServerCert(dir: string, name: string, san: string): { key: string; cert: string } {
  writeFileSync(path.join(dir, `${name}.ext`), `subjectAltName=${san}\n`);
  openssl(dir, [
    'req',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.csr`,
    '-subj',
    `/CN=${name}`,
  ]);
  openssl(dir, [
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    `${name}.crt`,
    '-days',
    '2',
    '-extfile',
    `${name}.ext`,
  ]);
  return { key: readFileSync(path.join(dir, `${name}.key`), 'utf8'), cert: readFileSync(path.join(dir, `${name}.crt`), 'utf8') };
}

export function makeTestPki(): TestPki {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kg-pki-'));
  try {
    makeCa(dir, 'ca');
    makeCa(dir, 'other-ca');
    return {
      caPem: readFileSync(path.join(dir, 'ca.crt'), 'utf8'),
      otherCaPem: readFileSync(path.join(dir, 'other-ca.crt'), 'utf8'),
      server: makeServerCert(dir, 'server', 'IP:127.0.0.1'),
      otherHost: makeServerCert(dir, 'other-host', 'DNS:other.example'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface TestHttpsServer {
  url: string;
  /** Authorization headers the server received, in order. */
  authorizations: (string | undefined)[];
  close(): Promise<void>;
}

export async function startHttpsServer(
  keyPair: { key: string; cert: string },
  reply: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<TestHttpsServer> {
  const authorizations: (string | undefined)[] = [];
  const server = https.createServer({ key: keyPair.key, cert: keyPair.cert }, (req, res) => {
    authorizations.push(req.headers.authorization);
    req.resume();
    req.on('end', () => reply(req, res));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    authorizations,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** A port nothing listens on (it was free a moment ago). */
export async function closedPort(): Promise<number> {
  const server = https.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** A kubeconfig for one cluster and one user, both given as YAML flow mappings. */
export function kubeconfigFor(cluster: string, user: string, userName = 'ci-deployer'): string {
  return `apiVersion: v1
kind: Config
clusters: [{name: prod, cluster: ${cluster}}]
users: [{name: ${userName}, user: ${user}}]
contexts: [{name: prod-ci, context: {cluster: prod, user: ${userName}}}]
current-context: prod-ci
`;
}
