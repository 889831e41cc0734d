// The pull request endpoint of the strict local GitHub stand-in (github-api-server.ts):
// GET /repos/{o}/{r}/pulls/{n}, answered as GitHub's OpenAPI description gives `pull-request`, from
// what the test says the pull request is now (open, closed, merged). A pull request the test did not
// describe is 404, as GitHub answers for a number it does not know; `failing` answers 500.
import { pullView } from './github-commits.js';
import { TIME, repositoryView, simpleUser } from './github-examples.js';
import type { RouteRequest } from './github-openapi.js';

/** One pull request's state now, as the test describes it. */
export interface StandInPullState {
  state: 'open' | 'closed';
  merged: boolean;
  /** The head commit; a fixed one when not given. */
  headSha?: string;
}

/** The pull requests of the repository, changed as a test goes on; every read is counted. */
export class PullStore {
  readonly states = new Map<number, StandInPullState>();
  /** Pull requests whose read fails with a server error (GitHub's 500 body is `basic-error`). */
  readonly failing = new Set<number>();
  readonly reads: number[] = [];

  set(number: number, state: StandInPullState): void {
    this.states.set(number, state);
  }

  /** Answers the request when it reads one pull request; false for any other request. */
  handle(r: RouteRequest): boolean {
    const m = /^\/pulls\/(\d+)$/.exec(r.path);
    if (!m || r.method !== 'GET') return false;
    const number = Number(m[1]);
    this.reads.push(number);
    const state = this.states.get(number);
    if (this.failing.has(number)) {
      r.reply('/repos/{owner}/{repo}/pulls/{pull_number}', 'get', 500, { message: 'Server Error', documentation_url: r.docs, status: '500' });
      return true;
    }
    if (!state) {
      r.fail(404, 'Not Found');
      return true;
    }
    const head = state.headSha ?? 'f'.repeat(40);
    const author = simpleUser({ login: 'octocat', id: 1, type: 'User' });
    const side = (ref: string, sha: string) => ({ label: `${r.owner}:${ref}`, ref, repo: repositoryView(r.owner, r.repo), sha, user: author });
    const closedAt = state.state === 'closed' ? TIME : null;
    const simple = pullView(r, head, { number, state: state.state, merged_at: state.merged ? TIME : null, head: { sha: head } });
    r.reply('/repos/{owner}/{repo}/pulls/{pull_number}', 'get', 200, {
      ...simple,
      user: author,
      head: side('feature', head),
      base: side('main', '0'.repeat(40)),
      state: state.state,
      closed_at: closedAt,
      merged: state.merged,
      mergeable: state.state === 'open' ? true : null,
      mergeable_state: state.state === 'open' ? 'clean' : 'unknown',
      merged_by: state.merged ? simpleUser({ login: 'octocat', id: 1, type: 'User' }) : null,
      comments: 1,
      review_comments: 0,
      maintainer_can_modify: false,
      commits: 1,
      additions: 1,
      deletions: 0,
      changed_files: 1,
    });
    return true;
  }
}
