// What a command of the CLI may touch of its process: given, so tests drive it without a terminal.
import { workflowSafeText } from '../text/terminal-text.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout is a terminal that takes colour (a TTY, and no NO_COLOR). */
  color: boolean;
  /** Whether stderr is a terminal (progress lines go there). */
  progress: boolean;
  /** Whether a person can answer a question on stdin (stdin and stderr are TTYs). */
  interactive: boolean;
  /** Asks a yes/no question on the terminal; only called when `interactive`. */
  ask: (question: string) => Promise<string>;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Aborted on Ctrl-C. */
  signal: AbortSignal;
}

/** The same I/O, every text written (and every question asked) made safe first (src/terminal/terminal-text.ts). */
export function workflowSafeIo(io: CliIo): CliIo {
  return {
    ...io,
    stdout: (text) => io.stdout(workflowSafeText(text)),
    stderr: (text) => io.stderr(workflowSafeText(text)),
    ask: (question) => io.ask(workflowSafeText(question)),
  };
}
