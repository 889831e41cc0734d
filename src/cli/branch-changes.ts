// What a branch changed, as a terminal's `kube-gitops targets` counts it: the files git finds
// different between the merge base of the base branch and HEAD, as committed (a change not committed
// is not counted: the matrix is of commits, as a pull request's is). The base is the revision given
// (--base), else `main`, else `master`, whichever this clone has. When none resolves, or git cannot
// tell, the changed files are unknown with the reason, and the selection plans every target.
import { commitChanges, type ChangedFiles } from '../fleet/changed-files.js';
import { mergeBase, resolveCommit } from '../git/commit-diff.js';
import { escapeTerminalValue } from '../text/terminal-text.js';

export const DEFAULT_BASES = ['main', 'master'] as const;

export interface BranchChanges {
  changed: ChangedFiles;
  /** The merge base the changes are counted from, when one was found. */
  baseSha?: string;
  /** Which base was used, for the log (`main (merge base 1a2b3c4)`); undefined when none. */
  base?: string;
}

const short = (sha: string): string => sha.slice(0, 7);
const unknown = (reason: string): BranchChanges => ({ changed: { known: false, reason } });

/** The files committed on HEAD since it left `given` (or main, else master). */
export async function branchChanges(workspace: string, given?: string): Promise<BranchChanges> {
  const head = await resolveCommit(workspace, 'HEAD');
  if ('error' in head) return unknown(`this is no git checkout with a commit (${head.error})`);
  const found = await firstResolving(workspace, given === undefined ? DEFAULT_BASES : [given]);
  if (!found) {
    return unknown(
      given === undefined
        ? `no base: neither main nor master names a commit in this clone (pass --base REF)`
        : `no base: --base ${escapeTerminalValue(given.slice(0, 80))} names no commit in this clone`,
    );
  }
  const fork = await mergeBase(workspace, found.sha, head.sha);
  if ('error' in fork) return unknown(`no base: ${escapeTerminalValue(found.name)} and HEAD: ${fork.error}`);
  const changed = await commitChanges(workspace, fork.sha, head.sha);
  const base = `${escapeTerminalValue(found.name)} (merge base ${short(fork.sha)})`;
  if (!changed.known) return { changed, baseSha: fork.sha, base };
  return {
    changed: { ...changed, from: `${changed.from}, the commits since ${base}; changes not committed are not counted` },
    baseSha: fork.sha,
    base,
  };
}

async function firstResolving(workspace: string, names: readonly string[]): Promise<{ name: string; sha: string } | undefined> {
  for (const name of names) {
    const resolved = await resolveCommit(workspace, name);
    if ('sha' in resolved) return { name, sha: resolved.sha };
  }
  return undefined;
}
