// Sizes as GitHub counts them for a comment or summary (UTF-8 bytes), and the last-resort cut.

export function byteSize(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** Last resort (never expected): cut at a line boundary, closing an open fence, with a note. */
function truncateSafely(body: string, maxBytes: number): string {
  const note = '\n\n…truncated to fit the size limit.\n';
  let out = '';
  let inFence = false;
  for (const line of body.split('\n')) {
    if (byteSize(out) + byteSize(line) + byteSize(note) + 8 > maxBytes) break;
    if (/^`{3,}/.test(line)) inFence = !inFence;
    out += `${line}\n`;
  }
  return `${out}${inFence ? '```\n' : ''}${note}`;
}

/** `body` when it fits, else cut safely. */
export function fitBytes(body: string, maxBytes: number): string {
  return byteSize(body) <= maxBytes ? body : truncateSafely(body, maxBytes);
}

/**
 * As many of `lines` as fit in `budget` bytes (each counted with its newline), and how many were
 * left out: for lists and tables that must stop short rather than push the report over its limit.
 */
export function linesWithin(lines: readonly string[], budget: number): { kept: string[]; cut: number } {
  const kept: string[] = [];
  let size = 0;
  for (const line of lines) {
    if (size + byteSize(line) + 1 > budget) break;
    kept.push(line);
    size += byteSize(line) + 1;
  }
  return { kept, cut: lines.length - kept.length };
}
