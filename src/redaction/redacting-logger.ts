// A Logger that passes every message through the redactor before the wrapped logger sees it,
// so no code path can log a registered secret, whatever it formats.
import type { Logger } from '../model/logger.js';
import type { SecretRedactor } from './secret-redactor.js';
import type { SourceLocation } from '../objects/source-location.js';

export class RedactingLogger implements Logger {
  constructor(
    private readonly inner: Logger,
    private readonly redactor: SecretRedactor,
  ) {}
  debug(message: string): void {
    this.inner.debug(this.redactor.redactString(message));
  }
  info(message: string): void {
    this.inner.info(this.redactor.redactString(message));
  }
  warning(message: string, location?: SourceLocation): void {
    this.inner.warning(this.redactor.redactString(message), location);
  }
  error(message: string, location?: SourceLocation): void {
    this.inner.error(this.redactor.redactString(message), location);
  }
  group<T>(name: string, fn: () => Promise<T>): Promise<T> {
    return this.inner.group(this.redactor.redactString(name), fn);
  }
}
