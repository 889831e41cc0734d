// The processes of a local control plane: started detached with their log beside the state, known
// as ours only while their executable lives in our binary directory (so a reused PID is never
// signalled), stopped by PID, and waited for with the component's last log lines on a timeout.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';

export const COMPONENTS = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kwok'] as const;
export type Component = (typeof COMPONENTS)[number];

export function launch(binDir: string, dir: string, name: Component, args: string[]): number {
  const logFd = openSync(path.join(dir, `${name}.log`), 'a');
  const env = { ...process.env, KWOK_WORKDIR: path.join(dir, 'kwok-work') };
  const child = spawn(path.join(binDir, name), args, { detached: true, stdio: ['ignore', logFd, logFd], env });
  closeSync(logFd);
  child.unref();
  if (child.pid === undefined) throw new Error(`could not start ${name}`);
  writeFileSync(path.join(dir, `${name}.pid`), String(child.pid));
  return child.pid;
}

/** A PID is ours only while its executable is one of our binaries (guards against PID reuse). */
export function isOurProcess(pid: number | undefined, binDir: string): boolean {
  if (!pid) return false;
  try {
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return cmd.startsWith(binDir + '/');
  } catch {
    return false;
  }
}

export async function stopProcess(pid: number | undefined, binDir: string, name: string, log: (l: string) => void): Promise<void> {
  if (!pid || !isOurProcess(pid, binDir)) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 10_000;
  while (isOurProcess(pid, binDir) && Date.now() < deadline) await sleep(100);
  if (isOurProcess(pid, binDir)) process.kill(pid, 'SIGKILL');
  while (isOurProcess(pid, binDir)) await sleep(50);
  log(`stopped ${name} (pid ${pid})`);
}

export function httpGet(url: string, ca?: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const done = (res: http.IncomingMessage) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve(body));
    };
    const req = url.startsWith('https:') ? https.get(url, { ca, timeout: 2000 }, done) : http.get(url, { timeout: 2000 }, done);
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('timeout')));
  });
}

export async function waitFor(what: string, dir: string, component: Component, check: () => Promise<boolean>, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await sleep(250);
  }
  const logFile = path.join(dir, `${component}.log`);
  const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n') : '(no log)';
  throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}; last lines of ${logFile}:\n${tail}`);
}

export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<net.Server>((resolve, reject) => {
          const s = net.createServer();
          s.once('error', reject);
          s.listen(0, '127.0.0.1', () => resolve(s));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
