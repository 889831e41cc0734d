// Which of the given workspace paths are not exactly HEAD: changed, staged, deleted, untracked or
// ignored (git status), not tracked at all (a file git does not know: inside .git, a nested
// repository or a submodule), or hidden from git status by an assume-unchanged or skip-worktree
// flag. Pathspecs are literal (a `*` or `{a,b}` in a name is that name), and settings that make git
// trust a file's stat data or ask a monitor instead of looking are overridden for these commands.
import { execFile } from 'node:child_process';

/** One path that is not as committed, and why. */
export interface UncommittedPath {
  path: string;
  why: string;
}

/** Paths per git command: far below any argument-size limit. */
const CHUNK = 500;
const TRUSTED_STAT = ['core.fsmonitor=false', 'core.untrackedCache=false', 'core.trustctime=true', 'core.checkStat=default', 'core.ignoreStat=false'];

/** The paths (files and directories, relative to `workspace`) that are not as HEAD has them; `files` must each be tracked. */
export async function pathsNotCommitted(
  workspace: string,
  paths: { files: readonly string[]; directories: readonly string[] },
): Promise<{ paths: UncommittedPath[] } | { error: string }> {
  const all = [...paths.directories, ...paths.files];
  const files = new Set(paths.files);
  const found = new Map<string, string>();
  // git status names paths from the repository's top; ls-files and the paths given, from the workspace.
  const prefix = await git(workspace, ['rev-parse', '--show-prefix']);
  if ('error' in prefix) return prefix;
  const fromWorkspace = (p: string) => (p.startsWith(prefix.stdout.trim()) ? p.slice(prefix.stdout.trim().length) : p);
  for (let i = 0; i < all.length; i += CHUNK) {
    const chunk = all.slice(i, i + CHUNK);
    const status = await git(workspace, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--ignored=matching', '--no-renames', '--', ...chunk]);
    if ('error' in status) return status;
    for (const [top, why] of statusEntries(status.stdout)) if (!found.has(fromWorkspace(top))) found.set(fromWorkspace(top), why);
    const listed = await git(workspace, ['ls-files', '-v', '-z', '--', ...chunk]);
    if ('error' in listed) return listed;
    const tracked = new Set<string>();
    for (const entry of listed.stdout.split('\0').filter((e) => e !== '')) {
      const [tag, p] = [entry.slice(0, 1), entry.slice(2)];
      tracked.add(p);
      if (tag !== 'H' && !found.has(p)) found.set(p, hiddenFlag(tag));
    }
    for (const f of chunk.filter((p) => files.has(p))) if (!tracked.has(f) && !found.has(f)) found.set(f, 'not tracked by git');
  }
  return { paths: [...found].map(([p, why]) => ({ path: p, why })).sort((a, b) => a.path.localeCompare(b.path)) };
}

/**
 * Which of the given paths (files and directories, relative to `workspace`) differ between the commit
 * `base` and HEAD, or why git cannot tell (a commit the clone lacks is an error, never a fetch).
 */
export async function pathsChangedSince(workspace: string, base: string, paths: readonly string[]): Promise<{ paths: string[] } | { error: string }> {
  if (!/^[0-9a-f]{7,64}$/i.test(base)) return { error: `'${base.slice(0, 80)}' is not a commit id` };
  const present = await git(workspace, ['cat-file', '-e', `${base}^{commit}`]);
  if ('error' in present) return { error: `commit ${base.slice(0, 7)} is not in this clone` };
  const changed: string[] = [];
  for (let i = 0; i < paths.length; i += CHUNK) {
    const diff = await git(workspace, [
      'diff',
      '--name-only',
      '-z',
      '--no-renames',
      '--no-ext-diff',
      '--no-textconv',
      '--relative',
      base,
      'HEAD',
      '--',
      ...paths.slice(i, i + CHUNK),
    ]);
    if ('error' in diff) return diff;
    changed.push(...diff.stdout.split('\0').filter((p) => p !== ''));
  }
  return { paths: [...new Set(changed)].sort() };
}

/** `XY path` entries of `git status --porcelain -z --no-renames`. */
function statusEntries(stdout: string): [string, string][] {
  return stdout
    .split('\0')
    .filter((e) => e.length > 3)
    .map((e) => [e.slice(3), statusWord(e.slice(0, 2))]);
}

function statusWord(xy: string): string {
  if (xy === '??') return 'untracked';
  if (xy === '!!') return 'ignored';
  if (xy.includes('D')) return 'deleted';
  if (xy.includes('A')) return 'added, not committed';
  return 'changed';
}

/** `git ls-files -v` tags: lower case is assume-unchanged, `S` skip-worktree. */
function hiddenFlag(tag: string): string {
  if (tag === 'S') return 'marked skip-worktree, so git status does not compare it';
  if (tag !== tag.toUpperCase()) return 'marked assume-unchanged, so git status does not compare it';
  return `in the index with the unexpected state '${tag}'`;
}

function git(workspace: string, args: string[]): Promise<{ stdout: string } | { error: string }> {
  const config = TRUSTED_STAT.flatMap((c) => ['-c', c]);
  return new Promise((resolve) => {
    execFile(
      'git',
      ['--literal-pathspecs', '--no-optional-locks', ...config, ...args],
      { cwd: workspace, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => resolve(error ? { error: stderr.trim().split('\n')[0] || error.message } : { stdout }),
    );
  });
}
