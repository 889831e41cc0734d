// How a renderer marks up the parts of a sentence: Markdown for GitHub (the comment, the summary),
// plain text for a terminal. Sentences are written once, against this interface.
import { escapeMessage, escapeText, inlineCode } from '../text/markdown-escape.js';
import { escapeTerminalValue } from '../text/terminal-text.js';

export interface TextFormat {
  /** An object, a file, a name: something to copy. */
  code: (s: string) => string;
  strong: (s: string) => string;
  /** Free text from the plan (a container's path, a version). */
  text: (s: string) => string;
  /** A sentence of ours that quotes such text in backticks. */
  message: (s: string) => string;
  /** A leading emoji and its space, or nothing. */
  icon: (emoji: string) => string;
}

export const MARKDOWN: TextFormat = { code: inlineCode, strong: (s) => `**${s}**`, text: escapeText, message: (s) => escapeMessage(s), icon: (e) => `${e} ` };

/** For a terminal: each value kept to its line (src/terminal/terminal-text.ts). */
export const PLAIN: TextFormat = { code: escapeTerminalValue, strong: (s) => s, text: escapeTerminalValue, message: escapeTerminalValue, icon: () => '' };
