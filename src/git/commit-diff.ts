// What git itself says about two commits of the workspace's clone, without a token or the network:
// the paths that differ between them (renames as a deletion and an addition, so both names count),
// one file as a commit has it, and the commit a revision names (a terminal's `main`) or where a
// branch left it. Only the clone's own objects are read: a commit the clone lacks
// (a shallow checkout holds the head alone) is an answer naming what to do, never a fetch.
import { execFile } from 'node:child_process';
import { childEnvironment } from '../tools/child-environment.js';

/** A commit id as git prints it: nothing git would read as an option or a revision expression reaches it. */
const COMMIT_ID = /^[0-9a-f]{7,64}$/i;

/** The paths (relative to the repository's top) that differ between `base` and `head`, or why git cannot tell. */
export async function pathsChangedBetween(workspace: string, base: string, head: string): Promise<{ paths: string[] } | { error: string }> {
  for (const [role, sha] of [
    ['base', base],
    ['head', head],
  ] as const) {
    if (!COMMIT_ID.test(sha)) return { error: `the ${role} '${sha.slice(0, 80)}' is not a commit id` };
    const present = await git(workspace, ['cat-file', '-e', `${sha}^{commit}`]);
    if ('error' in present)
      return {
        error: `the ${role} commit ${sha.slice(0, 7)} is not in this clone (a shallow checkout holds the head only: check out with fetch-depth: 0, or give a github-token so GitHub lists the pull request's files)`,
      };
  }
  const diff = await git(workspace, ['diff', '--name-only', '-z', '--no-renames', '--no-ext-diff', '--no-relative', base, head, '--']);
  return 'error' in diff ? { error: `git diff failed: ${diff.error}` } : { paths: diff.stdout.split('\0').filter((p) => p !== '') };
}

/** The text of `file` (relative to the workspace) at `sha`, or why it cannot be read (not in the clone, not in that commit). */
export async function fileAtCommit(workspace: string, sha: string, file: string): Promise<{ text: string } | { error: string }> {
  if (!COMMIT_ID.test(sha)) return { error: `'${sha.slice(0, 80)}' is not a commit id` };
  // `./` makes the path relative to the working directory (the workspace), wherever the repository's top is.
  const shown = await git(workspace, ['show', `${sha}:./${file}`]);
  return 'error' in shown ? { error: `${file} at ${sha.slice(0, 7)} cannot be read: ${shown.error}` } : { text: shown.stdout };
}

/** The commit a revision a person typed names (`main`, `origin/main`, `HEAD~2`, a sha), or why it names none. */
export async function resolveCommit(workspace: string, revision: string): Promise<{ sha: string } | { error: string }> {
  if (revision === '' || revision.startsWith('-')) return { error: `'${revision.slice(0, 80)}' is not a revision` };
  const found = await git(workspace, ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`]);
  return 'error' in found ? { error: `'${revision.slice(0, 80)}' names no commit in this clone` } : { sha: found.stdout.trim() };
}

/** Where `head` branched from `base` (git merge-base): the base a branch's own changes are counted from. */
export async function mergeBase(workspace: string, base: string, head: string): Promise<{ sha: string } | { error: string }> {
  if (!COMMIT_ID.test(base) || !COMMIT_ID.test(head)) return { error: 'merge-base takes commit ids' };
  const found = await git(workspace, ['merge-base', base, head]);
  return 'error' in found ? { error: `${base.slice(0, 7)} and ${head.slice(0, 7)} have no common commit in this clone` } : { sha: found.stdout.trim() };
}

/** The repository's top directory (absolute, as git prints it), which the paths of a diff are relative to. */
export async function repositoryTop(workspace: string): Promise<{ top: string } | { error: string }> {
  const top = await git(workspace, ['rev-parse', '--show-toplevel']);
  return 'error' in top ? { error: `the workspace is not a git clone: ${top.error}` } : { top: top.stdout.trim() };
}

function git(workspace: string, args: string[]): Promise<{ stdout: string } | { error: string }> {
  return new Promise((resolve) => {
    execFile(
      'git',
      ['--no-optional-locks', ...args],
      { cwd: workspace, maxBuffer: 256 * 1024 * 1024, env: childEnvironment('git', process.env, { GIT_TERMINAL_PROMPT: '0' }), timeout: 120_000 },
      (error, stdout, stderr) => resolve(error ? { error: stderr.trim().split('\n')[0] || error.message } : { stdout }),
    );
  });
}
