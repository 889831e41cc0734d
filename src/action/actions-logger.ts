// The Logger port bound to the runner: annotations with file/line, collapsible groups. Plain lines
// cannot start a workflow command (a file name holding a line break and `::add-mask::`, say).
import * as core from '@actions/core';
import type { Logger } from '../model/logger.js';
import { workflowSafeText } from '../text/terminal-text.js';
import type { SourceLocation } from '../objects/source-location.js';

function annotation(location: SourceLocation | undefined): core.AnnotationProperties {
  if (!location) return {};
  return { file: location.file, startLine: location.line, ...(location.column !== undefined ? { startColumn: location.column } : {}) };
}

export class ActionsLogger implements Logger {
  debug(message: string): void {
    core.debug(message);
  }
  info(message: string): void {
    // core.info writes the text as it is; the other levels are workflow commands, which core escapes.
    core.info(workflowSafeText(message));
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
