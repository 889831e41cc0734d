// Golden Markdown files: the test compares and never writes them. A missing or different golden
// file fails; the actual output is left beside the temporary directory's copy for review, and the
// golden file is updated by hand (or by copying that file) after reading the difference.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const goldenDir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../golden');

export function matchesGolden(name: string, actual: string): void {
  const file = path.join(goldenDir, name);
  const review = path.join(os.tmpdir(), 'kube-gitops-golden', name);
  if (!existsSync(file) || readFileSync(file, 'utf8') !== actual) {
    mkdirSync(path.dirname(review), { recursive: true });
    writeFileSync(review, actual);
  }
  assert.ok(existsSync(file), `golden file test/golden/${name} is missing; the output is in ${review}`);
  assert.equal(actual, readFileSync(file, 'utf8'), `${name} differs from the golden file; the output is in ${review}`);
}
