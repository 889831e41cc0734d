// The selection as people read it: Markdown for the job summary and plain lines for the log. The
// planned targets with why, then the others as "not planned: no input changed". Target names come
// from the targets file and paths from the pull request, so both are data: in Markdown, names are
// code and reasons go through escapeMessage (their backtick-quoted paths as code, the rest as
// text); in the log, each value is kept to its line (escapeTerminalValue).
import { escapeMessage, escapeText, inlineCode } from '../text/markdown-escape.js';
import { escapeTerminalValue } from '../text/terminal-text.js';
import type { Selection } from './select-targets.js';

export function selectionMarkdown(selection: Selection): string {
  const planned = selection.targets.filter((s) => s.selected);
  const skipped = selection.targets.filter((s) => !s.selected);
  const lines = [`### Targets: ${planned.length} of ${selection.targets.length} planned`, ''];
  if (selection.failedOpen !== undefined) {
    lines.push(`Every target is planned: ${escapeMessage(selection.failedOpen)}`, '');
    for (const s of planned) lines.push(`- ${inlineCode(s.target.name)}`);
  } else for (const s of planned) lines.push(`- ${inlineCode(s.target.name)}: ${escapeMessage(s.why)}`);
  if (planned.length === 0) lines.push(escapeText('No target is planned: the pull request changes no input of any target.'));
  if (skipped.length > 0) lines.push('', `Not planned, no input changed: ${skipped.map((s) => inlineCode(s.target.name)).join(', ')}`);
  if (selection.changesFrom !== undefined) lines.push('', `Changed files: ${escapeText(selection.changesFrom)}.`);
  return `${lines.join('\n')}\n`;
}

export function selectionLogLines(selection: Selection): string[] {
  return selection.targets.map((s) =>
    s.selected
      ? `planned ${escapeTerminalValue(s.target.name)}: ${escapeTerminalValue(s.why)}`
      : `not planned ${escapeTerminalValue(s.target.name)}: no input changed`,
  );
}
