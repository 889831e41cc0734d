// The only module that imports @actions/github. Errors are reduced to status and GitHub's
// message; headers and the token never leave here.
import type * as ActionsGitHub from '@actions/github';
import type {
  AssociatedPullRequest,
  CommitComparison,
  CommitVerification,
  EnvironmentReview,
  GitHubApi,
  GitHubIdentity,
  LabelChange,
  PullRequestFile,
  PullRequestState,
} from './github-port.js';
import { toDeployment, toDeploymentStatus } from './deployment-shapes.js';
import { toComment, toIssue, toLabelEvents, toPermission } from './issue-shapes.js';
import { ownLabelChange } from './own-labels.js';

type Octokit = ReturnType<typeof ActionsGitHub.getOctokit>;

/** The token may not write here (a fork's read-only token, or missing permissions). */
export class GitHubPermissionError extends Error {
  override name = 'GitHubPermissionError';
}

export class GitHubApiError extends Error {
  override name = 'GitHubApiError';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export interface GitHubApiOptions {
  token: string;
  owner: string;
  repo: string;
  /** GITHUB_API_URL, read by the caller at run time. */
  apiUrl: string;
}

/** The one GraphQL query the action sends: REST `GET /user` refuses installation tokens (403), this answers both kinds. */
const VIEWER_QUERY = 'query { viewer { login databaseId } }';

interface RawViewer {
  viewer?: { login?: unknown; databaseId?: unknown } | null;
}

function toIdentity(data: RawViewer): GitHubIdentity {
  const { login, databaseId } = data.viewer ?? {};
  if (typeof login !== 'string' || login === '' || typeof databaseId !== 'number' || !Number.isSafeInteger(databaseId) || databaseId <= 0) {
    throw new Error('GitHub answered the viewer query without a login and a user id');
  }
  return { login, id: databaseId };
}

const statusOf = (error: unknown): number =>
  typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number' ? error.status : 0;

function mapError(error: unknown, what: string, write: boolean): Error {
  const status = statusOf(error);
  const data =
    typeof error === 'object' && error !== null && 'response' in error
      ? (error as { response?: { data?: { message?: unknown; errors?: unknown } } }).response?.data
      : undefined;
  // REST puts the field errors in the response body; a GraphQL query's errors are on the error itself.
  const graphqlErrors = typeof error === 'object' && error !== null && 'errors' in error ? error.errors : undefined;
  const errors = Array.isArray(data?.errors) ? data.errors : Array.isArray(graphqlErrors) ? graphqlErrors : [];
  const details = errors.flatMap((e: unknown) => (typeof e === 'object' && e !== null && 'message' in e && typeof e.message === 'string' ? [e.message] : []));
  const base = typeof data?.message === 'string' ? data.message : error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
  const message = Array.isArray(graphqlErrors) && details.length > 0 ? details.join('; ') : details.length > 0 ? `${base}: ${details.join('; ')}` : base;
  if (write && (status === 403 || status === 404)) return new GitHubPermissionError(`${what}: ${message} (HTTP ${status})`);
  return new GitHubApiError(`${what} failed${status ? ` (HTTP ${status})` : ''}: ${message}`, status);
}

/**
 * @actions/github builds its `context` when it is imported, parsing GITHUB_EVENT_PATH (a file
 * that is not JSON would crash the action with a stack trace before any of our code runs).
 * So it is imported on the first request, long after readGitHubEvent has validated that file.
 */
async function connect(options: GitHubApiOptions): Promise<Octokit> {
  // Bundled into dist/index.js (esbuild makes no separate file) but still evaluated only here.
  const { getOctokit } = await import('@actions/github');
  return getOctokit(options.token, { baseUrl: options.apiUrl.replace(/\/+$/, '') });
}

export function createGitHubApi(options: GitHubApiOptions): GitHubApi {
  let client: Promise<Octokit> | undefined;
  let identity: Promise<GitHubIdentity> | undefined;
  const repo = { owner: options.owner, repo: options.repo };
  const call = async <T>(what: string, write: boolean, fn: (octokit: Octokit) => Promise<T>): Promise<T> => {
    try {
      return await fn(await (client ??= connect(options)));
    } catch (error) {
      throw mapError(error, what, write);
    }
  };
  const listLabels = (issueNumber: number) =>
    call('listing the pull request labels', false, async (octokit) =>
      (await octokit.paginate(octokit.rest.issues.listLabelsOnIssue, { ...repo, issue_number: issueNumber, per_page: 100 })).map((l) => l.name),
    );
  return {
    viewer: () =>
      (identity ??= call("reading the token's identity (GraphQL viewer)", false, async (octokit) =>
        toIdentity(await octokit.graphql<RawViewer>(VIEWER_QUERY)),
      )),
    listIssueComments: (issueNumber) =>
      call('listing pull request comments', false, async (octokit) =>
        (await octokit.paginate(octokit.rest.issues.listComments, { ...repo, issue_number: issueNumber, per_page: 100 })).map(toComment),
      ),
    createIssueComment: (issueNumber, body) =>
      call('creating the pull request comment', true, async (octokit) =>
        toComment((await octokit.rest.issues.createComment({ ...repo, issue_number: issueNumber, body })).data),
      ),
    updateIssueComment: (commentId, body) =>
      call('updating the pull request comment', true, async (octokit) =>
        toComment((await octokit.rest.issues.updateComment({ ...repo, comment_id: commentId, body })).data),
      ),
    pullRequestsForCommit: (sha) =>
      call('finding the pull request of a commit', false, async (octokit) =>
        (await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: sha })).data.map((p): AssociatedPullRequest => ({
          number: p.number,
          state: p.state,
          ...(p.merged_at ? { mergedAt: p.merged_at } : {}),
          ...(p.head.sha ? { headSha: p.head.sha } : {}),
        })),
      ),
    compareCommits: (base, head) =>
      call('comparing commits', false, async (octokit): Promise<CommitComparison> => {
        const data = (await octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `${base}...${head}`, per_page: 1 })).data;
        return { status: data.status, aheadBy: data.ahead_by, behindBy: data.behind_by };
      }),
    listCommitsBetween: (base, head) =>
      call('listing the commits between two commits', false, async (octokit) => {
        const shas: string[] = [];
        for (let page = 1; ; page++) {
          const data = (await octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `${base}...${head}`, per_page: 100, page })).data;
          shas.push(...data.commits.map((c) => c.sha));
          if (data.commits.length === 0 || shas.length >= data.total_commits) return shas;
        }
      }),
    commitVerification: (sha) =>
      call('reading the verification of a commit', false, async (octokit): Promise<CommitVerification> => {
        const data = (await octokit.rest.repos.getCommit({ ...repo, ref: sha, per_page: 1 })).data;
        const login = data.committer?.login;
        return {
          verified: data.commit.verification?.verified === true,
          reason: data.commit.verification?.reason ?? 'unsigned',
          committerName: data.commit.committer?.name ?? '',
          committerEmail: data.commit.committer?.email ?? '',
          ...(login ? { committerLogin: login } : {}),
        };
      }),
    listPullRequestFiles: (pullNumber) =>
      call('listing the files of the pull request', false, async (octokit) =>
        (await octokit.paginate(octokit.rest.pulls.listFiles, { ...repo, pull_number: pullNumber, per_page: 100 })).map((f): PullRequestFile => ({
          filename: f.filename,
          status: f.status,
          ...(f.previous_filename ? { previousFilename: f.previous_filename } : {}),
        })),
      ),
    listIssues: (labels) =>
      call('listing issues', false, async (octokit) =>
        (await octokit.paginate(octokit.rest.issues.listForRepo, { ...repo, labels: labels.join(','), state: 'all', per_page: 100 }))
          .filter((i) => !i.pull_request)
          .map(toIssue),
      ),
    createIssue: (title, body, labels) =>
      call('creating the drift issue', true, async (octokit) =>
        toIssue((await octokit.rest.issues.create({ ...repo, title, body, labels: [...labels] })).data),
      ),
    updateIssue: (issueNumber, change) =>
      call('updating the drift issue', true, async (octokit) =>
        toIssue((await octokit.rest.issues.update({ ...repo, issue_number: issueNumber, ...change })).data),
      ),
    setOwnLabels: async (issueNumber, prefix, labels) => {
      const current = await listLabels(issueNumber);
      const change = ownLabelChange(current, prefix, labels);
      return call('labelling the pull request', true, async (octokit): Promise<LabelChange> => {
        if (change.added.length > 0) await octokit.rest.issues.addLabels({ ...repo, issue_number: issueNumber, labels: change.added });
        for (const name of change.removed) {
          // 404: the label went away since it was listed, which is what removing it wants.
          await octokit.rest.issues.removeLabel({ ...repo, issue_number: issueNumber, name }).catch((error: unknown) => {
            if (statusOf(error) !== 404) throw error;
          });
        }
        return change;
      });
    },
    listDeployments: (environment, sha, limit) =>
      call('listing deployments', false, async (octokit) =>
        (await octokit.rest.repos.listDeployments({ ...repo, environment, ...(sha ? { sha } : {}), per_page: Math.min(limit, 100) })).data.map(toDeployment),
      ),
    createDeployment: (request) =>
      call('creating the deployment', true, async (octokit) => {
        const { data } = await octokit.rest.repos.createDeployment({
          ...repo,
          ref: request.sha,
          environment: request.environment,
          description: request.description,
          payload: request.payload,
          ...(request.transientEnvironment ? { transient_environment: true, production_environment: false } : {}),
          auto_merge: false,
          required_contexts: [],
        });
        // 202 (a merge instead of a deployment) needs auto_merge, which is off.
        if (!('id' in data)) throw new Error(`GitHub answered without a deployment: ${data.message ?? 'no message'}`);
        return toDeployment(data);
      }),
    listDeploymentStatuses: (deploymentId, limit) =>
      call('listing deployment statuses', false, async (octokit) =>
        (await octokit.rest.repos.listDeploymentStatuses({ ...repo, deployment_id: deploymentId, per_page: Math.min(limit, 100) })).data.map(
          toDeploymentStatus,
        ),
      ),
    createDeploymentStatus: (deploymentId, status) =>
      call(`setting the deployment's status to ${status.state}`, true, async (octokit) =>
        toDeploymentStatus(
          (
            await octokit.rest.repos.createDeploymentStatus({
              ...repo,
              deployment_id: deploymentId,
              state: status.state,
              log_url: status.logUrl,
              environment_url: status.environmentUrl,
              description: status.description,
            })
          ).data,
        ),
      ),
    listRunApprovals: (runId) =>
      call('reading the approvals of this workflow run', false, async (octokit) =>
        (await octokit.rest.actions.getReviewsForRun({ ...repo, run_id: runId })).data.map((r): EnvironmentReview => ({
          state: r.state,
          environments: r.environments.flatMap((e) => (typeof e.name === 'string' ? [e.name] : [])),
          login: r.user.login,
          comment: r.comment,
        })),
      ),
    listIssueLabels: listLabels,
    listLabelEvents: (issueNumber) =>
      call('listing the label events of the pull request', false, async (octokit) =>
        toLabelEvents(await octokit.paginate(octokit.rest.issues.listEvents, { ...repo, issue_number: issueNumber, per_page: 100 })),
      ),
    repositoryPermission: (username) =>
      call(`reading the repository permission of ${username}`, false, async (octokit) =>
        toPermission((await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username })).data),
      ),
    pullRequest: (pullNumber) =>
      call(`reading pull request #${pullNumber}`, false, async (octokit): Promise<PullRequestState> => {
        const data = (await octokit.rest.pulls.get({ ...repo, pull_number: pullNumber })).data;
        return { number: data.number, state: data.state === 'open' ? 'open' : 'closed', merged: data.merged };
      }),
  };
}
