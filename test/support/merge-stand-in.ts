// The strict GitHub stand-in as an e2e test of merges uses it: commits compared in the test's git
// repository, and the pull requests GitHub associates with a commit set as the test merges them
// (`merged`: commit → pull request number; a commit matches by either one's prefix).
import type { GitRepo } from './git-repo.js';
import { startGitHubApiServer, type GitHubApiServer } from './github-api-server.js';

export interface MergeStandIn {
  github: GitHubApiServer;
  /** The merged pull request of each commit. */
  merged: Map<string, number>;
}

export async function startMergeStandIn(token: string, repo: () => GitRepo): Promise<MergeStandIn> {
  const merged = new Map<string, number>();
  const github = await startGitHubApiServer({
    token,
    compare: (b, h) => repo().compare(b, h),
    pulls: (sha) =>
      [...merged].filter(([s]) => sha.startsWith(s) || s.startsWith(sha)).map(([, number]) => ({ number, state: 'closed', merged_at: '2026-12-01T12:00:00Z' })),
  });
  return { github, merged };
}
