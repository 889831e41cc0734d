#!/usr/bin/env node
// Entry point of the command line (dist/cli.js, `npx kube-gitops`): bind the process to the CLI's
// I/O and run. Ctrl-C once stops starting new writes; twice exits at once.
import { createInterface } from 'node:readline/promises';
import { runCli } from './cli/run-cli.js';

const interrupt = new AbortController();
process.on('SIGINT', () => {
  if (interrupt.signal.aborted) process.exit(130);
  process.stderr.write('\nInterrupted: no new writes start; waiting for those under way (Ctrl-C again to exit now).\n');
  interrupt.abort();
});

async function ask(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}

function isTerminal(stream: { isTTY?: boolean }): boolean {
  return stream.isTTY ?? false;
}

const noColor = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '';
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  // Node's types say these streams are TTYs; at run time isTTY is undefined when they are not.
  color: isTerminal(process.stdout) && !noColor,
  progress: isTerminal(process.stderr),
  interactive: isTerminal(process.stdin) && isTerminal(process.stderr),
  ask,
  env: process.env,
  cwd: process.cwd(),
  signal: interrupt.signal,
});
