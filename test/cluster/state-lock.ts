// One `up` or `down` at a time per state directory. The lock is a file created exclusively beside the
// state directory, holding the PID of its holder; a second caller waits while that process lives,
// and takes over a lock whose holder is gone (killed mid-start). So two suites, or a script beside a
// suite, never start two control planes over one etcd data directory: the second waits for the
// first and then finds its cluster healthy and reuses it.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';

const POLL_MS = 200;

export function lockPath(stateDir: string): string {
  return `${stateDir}.lock`;
}

/** Runs `work` holding the lock of `stateDir`; `log` is told once when it has to wait, and for whom. */
export async function withStateLock<T>(stateDir: string, log: (line: string) => void, work: () => Promise<T>): Promise<T> {
  const file = lockPath(stateDir);
  mkdirSync(path.dirname(file), { recursive: true });
  let told = false;
  for (;;) {
    if (tryCreate(file)) break;
    const holder = holderOf(file);
    if (holder === undefined || !isAlive(holder)) {
      // The holder died, or the lock is being written this instant (empty): a dead holder's lock is
      // removed; an empty one is left to its writer, unless it has stayed empty for seconds.
      if (holder !== undefined || ageMs(file) > 5_000) rmSync(file, { force: true });
    } else if (!told) {
      log(`waiting for another cluster:up/down (pid ${holder}) to finish with ${stateDir}`);
      told = true;
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  try {
    return await work();
  } finally {
    if (holderOf(file) === process.pid) rmSync(file, { force: true });
  }
}

function tryCreate(file: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, String(process.pid));
  } finally {
    closeSync(fd);
  }
  return true;
}

function holderOf(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function ageMs(file: string): number {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
