// The Logger port bound to the runner: annotations with file/line, collapsible groups.
import * as core from '@actions/core';
import type { SourceLocation } from '../problems/problem.js';
import type { Logger } from '../logging.js';

function annotation(location: SourceLocation | undefined): core.AnnotationProperties {
  if (!location) return {};
  return { file: location.file, startLine: location.line, ...(location.column !== undefined ? { startColumn: location.column } : {}) };
}

export class ActionsLogger implements Logger {
  debug(message: string): void {
    core.debug(message);
  }
  info(message: string): void {
    core.info(message);
  }
  warning(message: string, location?: SourceLocation): void {
    core.warning(message, annotation(location));
  }
  error(message: string, location?: SourceLocation): void {
    core.error(message, annotation(location));
  }
  group<T>(name: string, fn: () => Promise<T>): Promise<T> {
    return core.group(name, fn);
  }
}
