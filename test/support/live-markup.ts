// An independent reading of a rendered comment for markup that text from manifests could have made
// live. It follows CommonMark where it matters (fenced blocks, code spans of equal backtick runs,
// backslash escapes, GFM table rows) and GitHub's filters after it (mentions, issue references and
// bare URLs outside code), and reports each live thing it finds with its line.

const OWN_TAGS = /^<\/?(?:details|summary|code|br)(?:\s+open)?>/;

/** The line without its code spans (a backtick run up to the next run of the same length) and `<code>` elements. */
function outsideCode(line: string): string {
  let out = '';
  for (let i = 0; i < line.length;) {
    if (line[i] === '\\') {
      out += line.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (line[i] === '`') {
      const run = /^`+/.exec(line.slice(i))?.[0] ?? '`';
      const close = new RegExp(`(?<!\`)${run}(?!\`)`, 'g');
      close.lastIndex = i + run.length;
      const end = close.exec(line);
      if (end) {
        out += ' ';
        i = end.index + run.length;
        continue;
      }
      out += run;
      i += run.length;
      continue;
    }
    out += line[i];
    i += 1;
  }
  return out.replace(/<code>[^<]*<\/code>/g, ' ');
}

/** Live markup in `body`, one finding per thing and line; `marker` is the one HTML comment allowed (the first line). */
export function liveMarkup(body: string, marker: string): string[] {
  const found: string[] = [];
  const lines = body.split('\n');
  if ((body.match(/<!--/g) ?? []).length !== (body.startsWith(marker) ? (marker.match(/<!--/g) ?? []).length : 0)) found.push('an HTML comment opener');
  let fence: string | undefined;
  let columns: number | undefined;
  let opened = 0;
  let closed = 0;
  lines.forEach((raw, n) => {
    const at = `line ${n + 1}: ${raw.slice(0, 120)}`;
    if (fence) {
      if (raw.startsWith(fence) && /^`+\s*$/.test(raw)) fence = undefined;
      return;
    }
    const open = /^(`{3,})/.exec(raw);
    if (open) {
      fence = open[1];
      return;
    }
    if (n === 0 && raw === marker) return;
    const text = outsideCode(raw);
    opened += (text.match(/<details/g) ?? []).length;
    closed += (text.match(/<\/details>/g) ?? []).length;
    if (text.includes('</details>') && raw !== '</details>') found.push(`</details> inside a line, ${at}`);
    if (/(?<!\\)!?\[[^\]]*(?<!\\)\]\(/.test(text)) found.push(`a link or image, ${at}`);
    if (/(?:^|[^\w])@[\p{L}\p{N}]/u.test(text)) found.push(`a mention, ${at}`);
    if (/(?:^|\s|\()#\d|\bGH-\d/i.test(text)) found.push(`an issue reference, ${at}`);
    if (/https?:\/\/|www\./i.test(text)) found.push(`a bare URL, ${at}`);
    for (const tag of text.matchAll(/<[A-Za-z!/][^>]*>?/g)) if (!OWN_TAGS.test(tag[0])) found.push(`an HTML tag ${tag[0]}, ${at}`);
    if (/^[>\s-]*#{1,6}\s*INJECTED/.test(text)) found.push(`a heading, ${at}`);
    if (/(?<![\\*])\*[^*\s][^*]*(?<!\\)\*/.test(text.replace(/\*\*[^*]+\*\*/g, ''))) found.push(`emphasis, ${at}`);
    if (raw.startsWith('|')) {
      const pipes = (raw.match(/(?<!\\)\|/g) ?? []).length;
      if (columns === undefined) columns = pipes;
      else if (pipes !== columns) found.push(`a table row with ${pipes} cell borders instead of ${columns}, ${at}`);
    } else columns = undefined;
  });
  if (opened !== closed) found.push(`${opened} <details> for ${closed} </details>`);
  return found;
}
