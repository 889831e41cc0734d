// SecretMatcher.mayHold, the redactor's quick rejection: whenever it says no, ranges() finds
// nothing, for texts with and without line breaks, escapes and the URL-safe alphabet.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SecretMatcher } from '../../../src/redaction/secret-matcher.js';
import { secretForms } from '../../../src/redaction/secret-forms.js';

/** A deterministic generator (a linear congruential one), so a failure names its seed. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** It starts with `+/`, so its URL-safe copy starts with a pair no form starts with as written. */
const SECRET = '+/Zm9vYmFyc2VjcmV0dmFsdWU';
const ALPHABET = 'Zm9v-YmFy_c2Vj+/ abc\n\\n"\\x';

describe('SecretMatcher.mayHold', () => {
  const matcher = new SecretMatcher();
  matcher.add(secretForms(SECRET));

  it('never rules out a text in which ranges() finds a form (20,000 generated texts)', () => {
    const next = generator(7);
    let held = 0;
    for (let n = 0; n < 20_000; n++) {
      const length = 5 + Math.floor(next() * 40);
      let text = '';
      for (let i = 0; i < length; i++) text += ALPHABET[Math.floor(next() * ALPHABET.length)];
      // One text in four holds the secret (or a URL-safe or wrapped copy) somewhere inside.
      if (next() < 0.25) {
        const at = Math.floor(next() * text.length);
        const copies = [
          SECRET,
          SECRET.replace(/\+/g, '-').replace(/\//g, '_'),
          `${SECRET.slice(0, 9)}\n  ${SECRET.slice(9)}`,
          // Broken after its first character: its first pair is only whole in the view.
          `${SECRET.slice(0, 1)}\n  ${SECRET.slice(1)}`,
          `${SECRET.slice(0, 1)}\\n${SECRET.slice(1)}`,
        ];
        const copy = copies[Math.floor(next() * copies.length)] ?? SECRET;
        text = text.slice(0, at) + copy + text.slice(at);
      }
      const found = matcher.ranges(text).length > 0;
      if (found) held++;
      if (!matcher.mayHold(text)) assert.equal(found, false, `seed 7, text ${n}: ${JSON.stringify(text)}`);
    }
    assert.ok(held > 4_000, `only ${held} texts held the secret: the test exercised too little`);
  });

  it('rules out text in which no form can start, and keeps the URL-safe copy of a standard form', () => {
    assert.equal(matcher.mayHold('!!!!! ~~~~~ ;;;;;'), false);
    assert.equal(matcher.mayHold(`token=${SECRET.replace(/\+/g, '-').replace(/\//g, '_')}`), true);
    assert.equal(matcher.mayHold('!!!!!\\n!!!!!'), true);
    assert.equal(new SecretMatcher().mayHold(SECRET), false);
  });
});
