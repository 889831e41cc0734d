// The first line of a text, `\r\n` read as a line end too: what a one-line message keeps of a longer
// one, and where our own comments carry their marker.

export function firstLine(text: string): string {
  return text.split(/\r?\n/, 1)[0] ?? '';
}
