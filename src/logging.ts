import type { SourceLocation } from './errors.js';

/**
 * Library code logs through this port. The action binds it to @actions/core (annotations,
 * groups); tests bind it to a RecordingLogger.
 */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  /** Shown as an annotation; with a location, inline on the pull request's diff. */
  warning(message: string, location?: SourceLocation): void;
  error(message: string, location?: SourceLocation): void;
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
}

export interface LogRecord {
  level: 'debug' | 'info' | 'warning' | 'error';
  message: string;
  location?: SourceLocation;
}

/** Keeps every message; used by tests and by the demo. */
export class RecordingLogger implements Logger {
  readonly records: LogRecord[] = [];
  constructor(private readonly echo: ((line: string) => void) | undefined = undefined) {}
  debug(message: string): void {
    this.push({ level: 'debug', message });
  }
  info(message: string): void {
    this.push({ level: 'info', message });
  }
  warning(message: string, location?: SourceLocation): void {
    this.push({ level: 'warning', message, ...(location ? { location } : {}) });
  }
  error(message: string, location?: SourceLocation): void {
    this.push({ level: 'error', message, ...(location ? { location } : {}) });
  }
  async group<T>(name: string, fn: () => Promise<T>): Promise<T> {
    this.push({ level: 'info', message: `[${name}]` });
    return fn();
  }
  messages(level?: LogRecord['level']): string[] {
    return this.records.filter((r) => !level || r.level === level).map((r) => r.message);
  }
  hasMessage(fragment: string): boolean {
    return this.records.some((r) => r.message.includes(fragment));
  }
  private push(record: LogRecord): void {
    this.records.push(record);
    this.echo?.(`${record.level}: ${record.message}`);
  }
}
