// The demo's real plan comment, kept in the repository (demo/demo-comment.md) for the README's sample
// (`npm run docs`). The demo's commits have fixed dates, so the comment is the same on every run; its
// hidden marker lines (HTML comments GitHub does not show) are left out, and the file ends in one newline.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Where the demo keeps its plan comment, relative to the repository's root. */
export const DEMO_COMMENT_FILE = 'demo/demo-comment.md';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** The comment as the file keeps it: without its hidden marker lines, ending in one newline. */
export function commentFileText(comment: string): string {
  return `${comment.replace(/^(?:<!-- kube-gitops:[^\n]*-->\n)+/, '').trimEnd()}\n`;
}

/** Writes the file when `comment` differs from it; true when it changed. */
export function updateCommentFile(comment: string): boolean {
  const file = path.join(root, DEMO_COMMENT_FILE);
  const text = commentFileText(comment);
  let old = '';
  try {
    old = readFileSync(file, 'utf8');
  } catch {
    // First run: no file yet.
  }
  if (old === text) return false;
  writeFileSync(file, text);
  return true;
}
