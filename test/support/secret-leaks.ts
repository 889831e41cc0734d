// An independent check that a text does not reveal a secret: the secret's plain, escaped and
// base64 forms are searched for, and every base64-looking run of the text (line breaks,
// indentation and diff markers removed, URL-safe alphabet mapped back) is decoded at all four
// character offsets and searched for the secret's bytes. Unlike the redactor, it decodes.

/** The standard base64 forms of `secret` a careless output could hold (padded, unpadded, URL-safe). */
export function base64Forms(secret: string): string[] {
  const std = Buffer.from(secret, 'utf8').toString('base64');
  const url = std.replace(/\+/g, '-').replace(/\//g, '_');
  return [...new Set([std, std.replace(/=+$/, ''), url, url.replace(/=+$/, '')])];
}

/** base64 of `secret` inside a longer string at byte offset 0, 1 and 2, wrapped at 64 and at 76 columns, and URL-safe. */
export function hiddenInBase64(secret: string): string[] {
  const out: string[] = [];
  for (const prefix of ['', 'k', 'ke']) {
    const long = `${'lead-in text that is long enough to wrap across lines, '.repeat(2)}${prefix}${secret}&trailing=yes`;
    const std = Buffer.from(long, 'utf8').toString('base64');
    out.push(std, std.replace(/(.{64})/g, '$1\n'), std.replace(/(.{76})/g, '$1\n'), std.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''));
  }
  return out;
}

function decodedRuns(text: string): Buffer[] {
  const joined = text.replace(/(?:\r?\n|\\r\\n|\\n)[ \t]*(?:[-+>](?=[ \t]))?[ \t]*/g, '');
  const runs = joined.match(/[A-Za-z0-9+/_-]{8,}/g) ?? [];
  const out: Buffer[] = [];
  for (const run of runs) {
    const std = run.replace(/-/g, '+').replace(/_/g, '/');
    for (let offset = 0; offset < 4; offset++) out.push(Buffer.from(std.slice(offset), 'base64'));
  }
  return out;
}

/** Where `text` reveals any of `secrets` (an empty list when it reveals none). */
export function leaksIn(text: string, secrets: readonly string[]): string[] {
  const runs = decodedRuns(text);
  const found: string[] = [];
  for (const secret of secrets) {
    const plainForms = [secret, JSON.stringify(secret).slice(1, -1), ...base64Forms(secret)];
    if (plainForms.some((f) => text.includes(f))) found.push(`${secret} (plain or base64)`);
    else if (runs.some((b) => b.includes(Buffer.from(secret, 'utf8')))) found.push(`${secret} (inside decoded base64)`);
  }
  return found;
}
