// The narrow port to GitHub's API (REST, and GraphQL for the token's identity): only what the
// action needs, in plain types of our own.

/** Who wrote a comment or an issue, as GitHub reports its author. */
export interface Author {
  /** `Bot` for an app (github-actions[bot] or any other); `User` for people. */
  authorType: string;
  authorLogin: string;
  /** The author's user id; 0 when GitHub sent none. */
  authorId: number;
}

/** The account the token in use acts as (GraphQL `viewer`): github-actions[bot] for GITHUB_TOKEN. */
export interface GitHubIdentity {
  login: string;
  /** The user id (`databaseId`), the same number REST reports as a comment author's `user.id`. */
  id: number;
}

export interface IssueComment extends Author {
  id: number;
  body: string;
  url: string;
}

export interface AssociatedPullRequest {
  number: number;
  state: string;
  mergedAt?: string;
  /** The pull request's head commit as GitHub has it now. */
  headSha?: string;
}

export interface CommitComparison {
  /** How head relates to base: `ahead` when head is newer, `behind` when it is an ancestor. */
  status: 'ahead' | 'behind' | 'identical' | 'diverged';
  aheadBy: number;
  behindBy: number;
}

/** GitHub's verification of one commit's signature (`commit.verification` of GET /repos/{o}/{r}/commits/{ref}). */
export interface CommitVerification {
  verified: boolean;
  /** `valid`, `unsigned`, `unknown_key`, `invalid`, … as GitHub names it. */
  reason: string;
  /** The commit's committer as git records it. */
  committerName: string;
  committerEmail: string;
  /** The GitHub account of the committer, when GitHub matched one (`web-flow` for the web UI). */
  committerLogin?: string;
}

export interface Issue extends Author {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  url: string;
}

export interface IssueChange {
  title?: string;
  body?: string;
  state?: 'open' | 'closed';
}

/** GitHub lists at most this many files of a pull request (GET /repos/{o}/{r}/pulls/{n}/files); a listing this long may be cut. */
export const PULL_REQUEST_FILES_LIMIT = 3000;

/** One file a pull request changes, as GitHub lists it (a diff entry). */
export interface PullRequestFile {
  /** The path at the head, relative to the repository's top. */
  filename: string;
  /** A renamed file's path at the base (renamed and copied files only). */
  previousFilename?: string;
  /** `added`, `removed`, `modified`, `renamed`, `copied`, `changed` or `unchanged`, as GitHub names it. */
  status: string;
}

/** What making our own labels on an issue or pull request exactly the wanted ones did. */
export interface LabelChange {
  added: string[];
  removed: string[];
}

/** A deployment's state, as GitHub names it (POST /repos/{o}/{r}/deployments/{id}/statuses). */
export type DeploymentState = 'error' | 'failure' | 'inactive' | 'in_progress' | 'queued' | 'pending' | 'success';

/** One GitHub Deployment of a commit to an environment. */
export interface Deployment {
  id: number;
  sha: string;
  environment: string;
  /** What its creator attached (`payload`): kube-gitops marks its own deployments there; GitHub Actions leaves it empty. */
  payload: unknown;
  /** GitHub's `auto_inactive` passes over production (and transient) environments' deployments. */
  productionEnvironment: boolean;
  transientEnvironment: boolean;
}

/** What creating a deployment asks for (always of one commit, never merging, never waiting on checks). */
export interface DeploymentRequest {
  sha: string;
  environment: string;
  description: string;
  payload: Record<string, unknown>;
  /** An environment that will stop existing (a pull request's preview); GitHub shows its `inactive` as destroyed. */
  transientEnvironment?: boolean;
}

/** One status of a deployment. */
export interface DeploymentStatus {
  state: DeploymentState;
  /** The URL of the run that set it (`log_url`; `target_url` for older statuses); empty when none. */
  logUrl: string;
  environmentUrl: string;
  description: string;
  /** When GitHub recorded it (ISO 8601), on a status read back; never sent. */
  createdAt?: string;
}

/**
 * One entry of a workflow run's environment review history (GET /repos/{o}/{r}/actions/runs/{id}/approvals):
 * a reviewer approved or rejected the run's jobs waiting on the named environments (`pending`: a comment only).
 */
export interface EnvironmentReview {
  state: 'approved' | 'rejected' | 'pending';
  /** The environments' names, as GitHub names them. */
  environments: string[];
  /** The reviewer's login, as GitHub names them (data, never markup). */
  login: string;
  comment: string;
}

/** One `labeled` or `unlabeled` event of an issue or pull request (GET /repos/{o}/{r}/issues/{n}/events). */
export interface LabelEvent {
  event: 'labeled' | 'unlabeled';
  /** The label's name, as GitHub recorded it when the event happened. */
  label: string;
  /** Who added or removed it, as GitHub names them (data, never markup); empty when GitHub sent no actor. */
  actorLogin: string;
  /** `User` for a person, `Bot` for an app's account. */
  actorType: string;
  /** When GitHub recorded it (ISO 8601). */
  createdAt: string;
}

/** A user's access to the repository (GET /repos/{o}/{r}/collaborators/{username}/permission). */
export interface RepositoryPermission {
  /** The base role: `admin`, `write`, `read` or `none` (GitHub maps maintain to write, triage to read, a custom role to its base). */
  permission: string;
  /** The role itself: `admin`, `maintain`, `write`, `triage`, `read`, or a custom role's name. */
  roleName: string;
}

/** A pull request as GitHub has it now (GET /repos/{o}/{r}/pulls/{n}): whether it is still open. */
export interface PullRequestState {
  number: number;
  state: 'open' | 'closed';
  /** Closed by a merge. */
  merged: boolean;
}

export interface GitHubApi {
  /** The token's own identity; read from GitHub once per run (later calls answer the same). */
  viewer(): Promise<GitHubIdentity>;
  listIssueComments(issueNumber: number): Promise<IssueComment[]>;
  createIssueComment(issueNumber: number, body: string): Promise<IssueComment>;
  updateIssueComment(commentId: number, body: string): Promise<IssueComment>;
  pullRequestsForCommit(sha: string): Promise<AssociatedPullRequest[]>;
  compareCommits(base: string, head: string): Promise<CommitComparison>;
  /** The commits reachable from `head` and not from `base` (the comparison's `commits`), oldest first, page after page. */
  listCommitsBetween(base: string, head: string): Promise<string[]>;
  commitVerification(sha: string): Promise<CommitVerification>;
  /** Every file pull request `pullNumber` changes, page after page; GitHub stops at {@link PULL_REQUEST_FILES_LIMIT}. */
  listPullRequestFiles(pullNumber: number): Promise<PullRequestFile[]>;
  /** Issues (not pull requests) carrying every label, in any state, newest first. */
  listIssues(labels: readonly string[]): Promise<Issue[]>;
  createIssue(title: string, body: string, labels: readonly string[]): Promise<Issue>;
  updateIssue(issueNumber: number, change: IssueChange): Promise<Issue>;
  /**
   * Makes the labels of issue or pull request `issueNumber` that start with `prefix` exactly `labels`
   * (each of which starts with `prefix`): adds the missing ones (GitHub creates a repository label
   * that does not exist yet) and removes the other labels with the prefix. Labels without the prefix
   * are never touched. A token that may not write labels fails with a GitHubPermissionError.
   */
  setOwnLabels(issueNumber: number, prefix: string, labels: readonly string[]): Promise<LabelChange>;
  /** Deployments to `environment` (of commit `sha` when given), newest first: the first page of up to `limit` (at most 100). */
  listDeployments(environment: string, sha: string | undefined, limit: number): Promise<Deployment[]>;
  /** Creates a deployment of the commit itself: `auto_merge` off, `required_contexts: []` (the run's own checks are still pending). */
  createDeployment(request: DeploymentRequest): Promise<Deployment>;
  /** The deployment's newest statuses, newest first (up to `limit`, at most 100). */
  listDeploymentStatuses(deploymentId: number, limit: number): Promise<DeploymentStatus[]>;
  /** Adds a status; GitHub's `auto_inactive` (default on) then retires earlier successful non-production deployments of the environment. */
  createDeploymentStatus(deploymentId: number, status: DeploymentStatus): Promise<DeploymentStatus>;
  /** The environment review history of workflow run `runId`, in GitHub's order (the token needs `actions: read`). */
  listRunApprovals(runId: number): Promise<EnvironmentReview[]>;
  /** The labels on issue or pull request `issueNumber` now, by name, page after page. */
  listIssueLabels(issueNumber: number): Promise<string[]>;
  /** The `labeled` and `unlabeled` events of issue or pull request `issueNumber`, oldest first (GitHub's order), page after page. */
  listLabelEvents(issueNumber: number): Promise<LabelEvent[]>;
  /** What `username` may do in the repository; a user GitHub does not know fails (HTTP 404). */
  repositoryPermission(username: string): Promise<RepositoryPermission>;
  /** Pull request `pullNumber` as GitHub has it now; one GitHub does not know fails (HTTP 404). */
  pullRequest(pullNumber: number): Promise<PullRequestState>;
}
