// A fresh temporary directory holding the given files (paths relative to it, folders made as
// needed), for tests that build a small workspace. The caller removes it.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function fileTree(files: Record<string, string>, prefix = 'kube-gitops-tree-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}
