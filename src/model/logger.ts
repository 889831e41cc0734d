import type { SourceLocation } from '../objects/source-location.js';

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
  constructor(private readonly echo?: (line: string) => void) {}
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

/**
 * Holds messages until `flush()`, then hands them to the wrapped logger in order: lets a stage
 * register what it found (Secret values with the redactor) before any message about it leaves.
 */
export class HeldLogger implements Logger {
  private readonly held: ((logger: Logger) => void)[] = [];
  constructor(private readonly inner: Logger) {}
  debug(message: string): void {
    this.held.push((l) => l.debug(message));
  }
  info(message: string): void {
    this.held.push((l) => l.info(message));
  }
  warning(message: string, location?: SourceLocation): void {
    this.held.push((l) => l.warning(message, location));
  }
  error(message: string, location?: SourceLocation): void {
    this.held.push((l) => l.error(message, location));
  }
  group<T>(name: string, fn: () => Promise<T>): Promise<T> {
    this.held.push((l) => l.info(`[${name}]`));
    return fn();
  }
  flush(): void {
    for (const send of this.held.splice(0)) send(this.inner);
  }
}
