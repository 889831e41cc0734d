// Text from manifests (file names, object names, values, messages quoting them) is data, never a
// command to the terminal or to the Actions runner. The runner reads every line a step prints and
// takes one that starts with `::` (after leading whitespace) or holds `##[` as a workflow command:
// a file named "a\n::add-mask::x" would otherwise become one. Two steps, each at one choke point:
// - escapeTerminalValue: a value shown on one line keeps to it (line breaks, carriage returns and
//   every other control character written as `\n`, `\r`, `\x1b`...); the CLI's plain text format uses it.
// - workflowSafeText: every text the CLI or the Action's logger writes, whole: control characters
//   but line breaks, tabs and our own colours escaped, and no line begins a workflow command.

const ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** C0 and C1 controls, DEL, and the Unicode line and paragraph separators. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
/** The same, but line feeds, tabs and SGR colour sequences (ESC [ digits m), which our own renderers write, are kept. */
const CONTROL_BUT_LAYOUT = /\u001b\[[0-9;]*m|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g;

function escapeControl(c: string): string {
  return ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** One value for one line: every control character visible as an escape, so the value cannot break or recolour the line. */
export function escapeTerminalValue(value: string): string {
  return value.replace(CONTROL, escapeControl);
}

/**
 * A whole text to write (one or more lines): stray control characters escaped, a line that would
 * start a workflow command (`::name …` after whitespace) led by a backslash, and `##[` written
 * `#\u0023[` (the runner reads `##[` anywhere in a line as a legacy command; JSON reads it back as `##[`).
 */
export function workflowSafeText(text: string): string {
  return text
    .replace(CONTROL_BUT_LAYOUT, (m) => (m.length > 1 ? m : escapeControl(m)))
    .split('\n')
    .map((line) => line.replace(/^(\s*)::/, '$1\\::').replaceAll('##[', '#\\u0023['))
    .join('\n');
}
