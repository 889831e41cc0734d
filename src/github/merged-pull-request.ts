// The pull request a pushed commit came from: the merged one among those GitHub associates with it.
import type { AssociatedPullRequest, GitHubApi } from './github-port.js';

export async function mergedPullRequest(api: GitHubApi, sha: string): Promise<AssociatedPullRequest | undefined> {
  const pulls = await api.pullRequestsForCommit(sha);
  return pulls.find((p) => p.mergedAt) ?? pulls[0];
}
