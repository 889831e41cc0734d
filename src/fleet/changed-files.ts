// Which files a pull request changes, from GitHub (any clone depth, a token needed) or from git
// (no token, both commits in the clone), as paths relative to the repository's top; a renamed
// file counts under both its names. GitHub is asked first (it needs no history in the clone), git
// when there is no token or GitHub cannot tell. When the list cannot be had whole, the answer is
// that nobody can tell, with the reason: the selection then plans every target (it fails open).
import type { GitHubApi } from '../github/github-port.js';
import { PULL_REQUEST_FILES_LIMIT } from '../github/github-port.js';
import { pathsChangedBetween } from '../git/commit-diff.js';
import { getErrorMessage } from '../model/errors.js';
import { firstLine } from '../text/first-line.js';

export type ChangedFiles =
  /** Every changed path, and where the list came from (for the summary). */
  { known: true; paths: string[]; from: string } | { known: false; reason: string };

/** The pull request's files as GitHub lists them; a listing that fails, or that reaches GitHub's cap, cannot tell. */
export async function pullRequestChanges(github: GitHubApi, pullNumber: number): Promise<ChangedFiles> {
  try {
    const files = await github.listPullRequestFiles(pullNumber);
    if (files.length >= PULL_REQUEST_FILES_LIMIT)
      return {
        known: false,
        reason: `GitHub lists at most ${PULL_REQUEST_FILES_LIMIT.toLocaleString('en-US')} files of a pull request, and this one changes at least that many`,
      };
    const paths = files.flatMap((f) => (f.previousFilename === undefined ? [f.filename] : [f.filename, f.previousFilename]));
    return { known: true, paths: [...new Set(paths)], from: `the ${files.length} files GitHub lists for pull request #${pullNumber}` };
  } catch (error) {
    return { known: false, reason: `the pull request's files could not be listed: ${firstLine(getErrorMessage(error))}` };
  }
}

/** The paths git finds different between `base` and `head` in the workspace's clone (both commits must be in it). */
export async function commitChanges(workspace: string, base: string, head: string): Promise<ChangedFiles> {
  const diff = await pathsChangedBetween(workspace, base, head);
  if ('error' in diff) return { known: false, reason: `git cannot tell which files changed: ${diff.error}` };
  return { known: true, paths: diff.paths, from: `git diff ${base.slice(0, 7)} ${head.slice(0, 7)}` };
}

/** Where a pull request's changed files may be had: GitHub (when there is a token) and the clone. */
export interface PullRequestSources {
  github?: GitHubApi;
  pullNumber: number;
  workspace: string;
  baseSha: string;
  headSha: string;
}

/** GitHub's list first (any clone depth); when there is no token or it cannot tell, git's diff; when neither can, both reasons. */
export async function pullRequestChangedFiles(sources: PullRequestSources): Promise<ChangedFiles> {
  const fromGitHub = sources.github ? await pullRequestChanges(sources.github, sources.pullNumber) : undefined;
  if (fromGitHub?.known) return fromGitHub;
  const fromGit = await commitChanges(sources.workspace, sources.baseSha, sources.headSha);
  if (fromGit.known || fromGitHub === undefined) return fromGit;
  return { known: false, reason: `${fromGitHub.reason}; and ${fromGit.reason}` };
}
