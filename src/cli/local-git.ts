// What a terminal run knows about its commit, from the checkout's own git: the commit to record on
// the ApplySet, and how it relates to the live one (the Action asks GitHub's compare API instead).
import { execFile } from 'node:child_process';
import { uncommittedFiles } from '../git/uncommitted-files.js';
import { childEnvironment } from '../tools/child-environment.js';
import type { CommitOrder } from '../run/write-gates.js';

function git(dir: string, args: string[]): Promise<{ ok: boolean; out: string }> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd: dir, env: childEnvironment('git') }, (error, stdout) => resolve({ ok: !error, out: stdout.trim() }));
  });
}

/**
 * HEAD of the checkout, and whether what would be loaded from `paths` differs from it (changed,
 * untracked or ignored files: the loader reads them all); undefined outside a git repository.
 */
export async function headCommit(dir: string, paths: readonly string[]): Promise<{ sha: string; dirty: boolean } | undefined> {
  const head = await git(dir, ['rev-parse', 'HEAD']);
  if (!head.ok || !/^[0-9a-f]{40}$/.test(head.out)) return undefined;
  const status = await uncommittedFiles(dir, paths);
  // A status that cannot be read counts as changed: drift is then compared file by file, never assumed.
  return { sha: head.out, dirty: 'error' in status || status.files.length > 0 };
}

/** GitHub's compare semantics from local history: is `head` ahead of, behind, or diverged from `base`? */
export async function compareLocalCommits(dir: string, base: string, head: string): Promise<CommitOrder> {
  if (base === head) return 'identical';
  if ((await git(dir, ['merge-base', '--is-ancestor', base, head])).ok) return 'ahead';
  if ((await git(dir, ['merge-base', '--is-ancestor', head, base])).ok) return 'behind';
  return 'diverged';
}
