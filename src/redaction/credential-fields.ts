// The values inside the text formats credentials are written in, found by one tokenizer rather than
// one pattern per format. The rule: a value is split into fields at the delimiters those formats
// use (line breaks, `;`, `&`, `,`, `?`); a field that is `key=value` or `key: value` (quoted or
// not, `export ` or `- ` before it) gives its value; in a field of words, a word gives itself when it
// follows a credential word (`Password pw`, `Bearer t`) or does not read as prose (a digit, a
// symbol, mixed case), so a sentence is not split into words; a URL gives its userinfo (any user,
// the empty one too); XML and HTML give each element's text and each attribute's value; `Basic`
// credentials are decoded. Each value found is returned with its percent-decoded form, and is split
// again by the caller (secret-fragments.ts), so `Authorization: Bearer x` yields `Bearer x`, then `x`.
// That covers connection strings (`Server=…;Password=…;`), JDBC and other query strings
// (`?password=…`), `redis://:pw@host`, `.ini` and `.env` lines, `user:pw` pairs and `Password pw`.

/** The delimiters between fields of the formats above. */
const FIELD_DELIMITER = /[\r\n;&,?]/;
/** `key=value`, `key: value`, `export KEY="value"`, `- key: value`, `"key": "value"`; not `scheme://`. */
const KEY_VALUE = /^(?:export\s+|-\s+)?["']?[\w.\-[\]@$][\w.\-/[\]@$]*["']?\s*(?:=|:(?!\/\/))\s*(.*)$/s;
/** `Password value`, `Bearer token`, `machine h login u password pw`: words. */
const WORDS = /\S+/g;
const CREDENTIAL_WORD = /pass|pwd|secret|token|key|auth|bearer|basic|login|user|credential/i;
/** A word that does not read as prose: a digit, a symbol or mixed case. */
const RANDOM_LOOKING = /\d|[^\w\s]|[a-z].*[A-Z]|[A-Z].*[a-z].*[A-Z]/;
/** `scheme://user:password@` with any user, the empty one too. */
const URL_USERINFO = /[a-z][a-z0-9+.-]*:\/\/([^\s:@/?#]*):([^\s@/?#]+)@/gi;
/** An XML or HTML element's text (`<password>x</password>`) and an attribute's value (`value="x"`). */
const ELEMENT_TEXT = /<([A-Za-z_][\w.:-]*)(?:\s[^<>]*)?>([^<]+)<\/\1\s*>/g;
const ATTRIBUTE = /\s[A-Za-z_][\w.:-]*\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const BASIC = /\bBasic\s+([A-Za-z0-9+/=]{4,})/g;

/** The values the formats above hold inside `text` (not `text` itself); may hold short ones the caller drops. */
export function credentialFields(text: string): string[] {
  const found = [...fieldValues(text), ...urlUserinfo(text), ...markupValues(text), ...basicCredentials(text)];
  return [...new Set(found.flatMap(withDecoded))].filter((v) => v !== '' && v !== text);
}

function fieldValues(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(FIELD_DELIMITER)) {
    const field = raw.trim();
    if (field === '') continue;
    const kv = KEY_VALUE.exec(field);
    if (kv) {
      const value = unquote(kv[1] ?? '');
      // `abc==` is a base64 line ending in padding, not a key; `section:` holds nothing.
      if (value !== '' && !/^=+$/.test(value)) out.push(value);
      continue;
    }
    out.push(...wordValues(field));
  }
  return out;
}

/** The words after the first of a space-separated field that could be credentials: after a credential word, or not prose. */
function wordValues(field: string): string[] {
  const words = field.match(WORDS) ?? [];
  const out: string[] = [];
  for (let i = 1; i < words.length; i++) {
    const word = unquote(words[i] ?? '');
    if (CREDENTIAL_WORD.test(words[i - 1] ?? '') || RANDOM_LOOKING.test(word)) out.push(word);
  }
  return out;
}

function unquote(s: string): string {
  const t = s.trim().replace(/[,;]$/, '').trim();
  const q = /^(["'])(.*)\1$/s.exec(t);
  return q ? (q[2] ?? '') : t;
}

function urlUserinfo(text: string): string[] {
  return [...text.matchAll(URL_USERINFO)].flatMap((m) => [`${m[1] ?? ''}:${m[2] ?? ''}`, m[2] ?? '']);
}

function markupValues(text: string): string[] {
  if (!text.includes('<')) return [];
  const texts = [...text.matchAll(ELEMENT_TEXT)].map((m) => (m[2] ?? '').trim());
  const attributes = [...text.matchAll(ATTRIBUTE)].map((m) => m[1] ?? m[2] ?? '');
  return [...texts, ...attributes].map(unescapeXml);
}

function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** `Basic base64(user:password)`: the decoded pair and the password. */
function basicCredentials(text: string): string[] {
  return [...text.matchAll(BASIC)].flatMap((m) => decodedPair(m[1] ?? ''));
}

/** base64 of `user:password` (a docker config `auth`, HTTP Basic): the pair and the password; none for other bytes. */
export function decodedPair(base64: string): string[] {
  const decoded = Buffer.from(base64, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0 || /[\u0000-\u001f\ufffd]/.test(decoded)) return [];
  return [decoded, decoded.slice(colon + 1)];
}

/** The value, and its percent-decoded form when that differs (a query string's `p%40ss`). */
function withDecoded(value: string): string[] {
  if (!value.includes('%')) return [value];
  try {
    const decoded = decodeURIComponent(value);
    return decoded === value ? [value] : [value, decoded];
  } catch {
    return [value];
  }
}
