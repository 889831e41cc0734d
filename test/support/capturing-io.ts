// The CLI's I/O for tests: what it writes to stdout and stderr kept as text, no terminal, an
// environment of PATH and HOME only (plus what the test gives), and no one to answer a question.
import type { CliIo } from '../../src/cli/cli-io.js';

export interface CapturedIo {
  io: CliIo;
  stdout: () => string;
  stderr: () => string;
}

export function capturingIo(cwd: string, env: NodeJS.ProcessEnv = {}): CapturedIo {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    color: false,
    progress: false,
    interactive: false,
    ask: () => Promise.resolve('no'),
    env: { PATH: process.env.PATH ?? '', HOME: cwd, ...env },
    cwd,
    signal: new AbortController().signal,
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}
