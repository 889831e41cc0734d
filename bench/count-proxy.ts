// The bench's request counter: a reverse proxy on 127.0.0.1 that every tool of the comparison
// talks to (plain HTTP, no credentials) and that forwards each request to the control plane over
// HTTPS with the admin kubeconfig's client certificate, counting them. It runs as its own process
// (forked), so its work never shares an event loop with the engine measured in-process; the bench
// asks it for the count after each timed step. Every tool pays the same hop, and every Go tool
// speaks HTTP/1.1 to it, as kube-gitops does to the API server (none of them gets HTTP/2).
import { fork, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';

interface Kubeconfig {
  clusters: { cluster: { server: string; 'certificate-authority-data': string } }[];
  users: { user: { 'client-certificate-data': string; 'client-key-data': string } }[];
}

type Message = { count: number } | { port: number };

/** The proxy, seen from the bench: a kubeconfig that reaches the plane through it, and its count. */
export class RequestCounter {
  private constructor(
    private readonly child: ChildProcess,
    /** A kubeconfig (YAML) whose server is the proxy. */
    readonly kubeconfigText: string,
    /** The same, as a file, for the tools that read one. */
    readonly kubeconfigFile: string,
    /** Where the proxy listens: http://127.0.0.1:PORT. */
    readonly url: string,
  ) {}

  static async start(adminKubeconfig: string, kubeconfigFile: string): Promise<RequestCounter> {
    const child = fork(fileURLToPath(import.meta.url), ['--serve'], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, KUBE_GITOPS_BENCH_UPSTREAM: adminKubeconfig },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const port = await new Promise<number>((resolve, reject) => {
      child.once('message', (m: Message) => ('port' in m ? resolve(m.port) : reject(new Error('count proxy: no port'))));
      child.once('exit', (code) => reject(new Error(`count proxy exited ${code}`)));
    });
    const text = `apiVersion: v1\nkind: Config\nclusters:\n- name: bench\n  cluster:\n    server: http://127.0.0.1:${port}\n    insecure-skip-tls-verify: true\nusers:\n- name: bench\n  user: {}\ncontexts:\n- name: bench\n  context: {cluster: bench, user: bench, namespace: default}\ncurrent-context: bench\n`;
    writeFileSync(kubeconfigFile, text, { mode: 0o600 });
    return new RequestCounter(child, text, kubeconfigFile, `http://127.0.0.1:${port}`);
  }

  /** Requests forwarded since the last take (or the start). */
  take(): Promise<number> {
    return new Promise((resolve) => {
      this.child.once('message', (m: Message) => resolve('count' in m ? m.count : NaN));
      this.child.send('take');
    });
  }

  stop(): void {
    this.child.kill();
  }
}

function serve(): void {
  const config = load(process.env.KUBE_GITOPS_BENCH_UPSTREAM ?? '') as Kubeconfig;
  const cluster = config.clusters[0]!.cluster;
  const user = config.users[0]!.user;
  const upstream = new URL(cluster.server);
  const b64 = (s: string) => Buffer.from(s, 'base64');
  const agent = new https.Agent({
    keepAlive: true,
    maxSockets: Infinity,
    ca: b64(cluster['certificate-authority-data']),
    cert: b64(user['client-certificate-data']),
    key: b64(user['client-key-data']),
  });
  let count = 0;
  const server = http.createServer((req, res) => {
    count++;
    const headers = { ...req.headers, host: upstream.host };
    delete headers.authorization;
    const out = https.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers, agent }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    out.on('error', (e) => {
      if (!res.headersSent) res.writeHead(502);
      res.end(`count proxy: ${e.message}`);
    });
    req.pipe(out);
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }));
  process.on('message', () => {
    process.send?.({ count });
    count = 0;
  });
  process.on('disconnect', () => process.exit(0));
}

if (process.argv.includes('--serve')) serve();
