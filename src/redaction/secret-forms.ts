// The ways one secret string can be written into an output: as itself, escaped for JSON, HTML or
// Markdown (as the renderers escape text that is not ours: markdown-escape.ts), or in base64, whole
// or embedded in the base64 of a longer string. URL-safe and wrapped base64 need no forms of their
// own: the matcher reads text with line breaks removed and the URL-safe alphabet mapped to the
// standard one (see text-view.ts).
import { escapedForms } from '../text/markdown-escape.js';

/**
 * The base64 characters that depend on `bytes` alone when they are encoded at each of the three
 * byte offsets (0, 1, 2) inside a longer input: the characters that also carry bits of the
 * neighbouring bytes are dropped, so each core appears in the encoding of any string holding `bytes`.
 */
function base64Cores(bytes: Buffer): string[] {
  const out: string[] = [];
  for (const offset of [0, 1, 2]) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    const first = Math.ceil((8 * offset) / 6);
    const end = Math.floor((8 * (offset + bytes.length)) / 6);
    out.push(encoded.slice(first, end));
  }
  return out;
}

/** Every written form of `value` worth matching (some may be shorter than the value; the matcher drops those too short). */
export function secretForms(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8');
  const base64 = bytes.toString('base64');
  const json = JSON.stringify(value).slice(1, -1);
  const html = value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return [...new Set([value, json, html, ...escapedForms(value), base64, base64.replace(/=+$/, ''), ...base64Cores(bytes)])];
}
