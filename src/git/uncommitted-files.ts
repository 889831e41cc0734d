// What the loader would read under the manifest paths that is not exactly HEAD: changed, untracked
// or ignored files (a step before ours, or a developer, may have written one). One reading for the
// signature gate (such files refuse the apply) and the CLI (such files are compared, not taken as drift).
import { execFile } from 'node:child_process';
import { childEnvironment } from '../tools/child-environment.js';

/** The files `git status` lists under `paths` (up to all of them), or the reason git could not tell. */
export function uncommittedFiles(workspace: string, paths: readonly string[]): Promise<{ files: string[] } | { error: string }> {
  return new Promise((resolve) => {
    execFile(
      'git',
      ['status', '--porcelain', '--untracked-files=all', '--ignored=matching', '--', ...paths],
      { cwd: workspace, maxBuffer: 64 * 1024 * 1024, env: childEnvironment('git') },
      (error, stdout, stderr) => {
        if (error) resolve({ error: stderr.trim().split('\n')[0] || error.message });
        else
          resolve({
            files: stdout
              .split('\n')
              .filter((l) => l.trim() !== '')
              .map((l) => l.slice(3)),
          });
      },
    );
  });
}
