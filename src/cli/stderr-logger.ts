// The Logger port bound to a terminal: progress and warnings on stderr (stdout holds the plan), errors
// with their file:line first. Debug lines only with KUBE_GITOPS_DEBUG=true.
import { formatLocation } from '../model/problem.js';
import type { Logger } from '../model/logger.js';
import { escapeTerminalValue } from '../text/terminal-text.js';
import type { SourceLocation } from '../objects/source-location.js';

/** A file name from the repository kept to its line. */
function shownLocation(location: SourceLocation): string {
  return escapeTerminalValue(formatLocation(location));
}

export class StderrLogger implements Logger {
  constructor(
    private readonly write: (text: string) => void,
    private readonly debugging = false,
  ) {}
  debug(message: string): void {
    if (this.debugging) this.write(`debug: ${message}\n`);
  }
  info(message: string): void {
    this.write(`${message}\n`);
  }
  warning(message: string, location?: SourceLocation): void {
    this.write(`warning: ${location ? `${shownLocation(location)}: ` : ''}${message}\n`);
  }
  error(message: string, location?: SourceLocation): void {
    this.write(`error: ${location ? `${shownLocation(location)}: ` : ''}${message}\n`);
  }
  async group<T>(name: string, fn: () => Promise<T>): Promise<T> {
    this.debug(`[${name}]`);
    return fn();
  }
}
