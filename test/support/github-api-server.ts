// A strict local stand-in for GitHub's REST API, on 127.0.0.1, reached through GITHUB_API_URL:
// exact paths only, the auth header checked, JSON bodies only, read-only tokens refused on writes,
// and the comment (github-comments.ts), issue (github-issues.ts), label (github-labels.ts), commit
// (github-commits.ts), pull request files (github-pull-files.ts), deployments (github-deployments.ts)
// a workflow run's environment approvals (github-approvals.ts), an issue's label events
// (github-label-events.ts), a user's permission (github-collaborators.ts) and one pull request's
// state (github-pulls.ts) endpoints, each answering in the
// shape GitHub's OpenAPI description gives the operation (github-openapi.ts). POST /graphql answers
// the viewer query only (the token's identity, which also authors every comment and issue the token
// creates); any other query is refused.
// Everything it is sent is recorded.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApprovalStore, type ApprovalAnswers } from './github-approvals.js';
import { CollaboratorStore } from './github-collaborators.js';
import { CommentStore, type StoredComment } from './github-comments.js';
import { handleCommits, type CommitAnswers } from './github-commits.js';
import { DeploymentStore, type DeploymentAnswers } from './github-deployments.js';
import type { Account } from './github-examples.js';
import { IssueStore } from './github-issues.js';
import { LabelEventStore } from './github-label-events.js';
import { LabelStore } from './github-labels.js';
import { handlePullFiles, type PullFileAnswers } from './github-pull-files.js';
import { PullStore } from './github-pulls.js';
import { DOCS, basicError, replyWith, type RouteRequest } from './github-openapi.js';

export type { StoredComment } from './github-comments.js';
export type { StandInCommit } from './github-commits.js';
export type { StandInFile } from './github-pull-files.js';
export type { StandInReview } from './github-approvals.js';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
}

export interface GitHubApiServerOptions extends CommitAnswers, PullFileAnswers, DeploymentAnswers, ApprovalAnswers {
  token: string;
  /** Who the token acts as: the GraphQL viewer and the author of what it creates. Default github-actions[bot] (41898282). */
  identity?: Account;
  /** Answer the viewer query with GitHub's FORBIDDEN error, as for a token whose identity cannot be read. */
  viewerForbidden?: boolean;
  /** Answer writes with 403, as GitHub does for a fork's read-only token. */
  readOnly?: boolean;
  owner?: string;
  repo?: string;
}

export interface GitHubApiServer {
  url: string;
  comments: StoredComment[];
  requests: RecordedRequest[];
  /** Requests to paths GitHub would not serve this way. */
  unexpected: RecordedRequest[];
  seedComment(issueNumber: number, body: string, user?: Account): StoredComment;
  /** Issues (not pull requests): created, listed, updated and closed through the issues endpoints. */
  issues: IssueStore;
  /** The repository's labels and the labels on each issue and pull request. */
  labels: LabelStore;
  /** Deployments and their statuses: created through the endpoints, or seeded as a job's own (`environment:`). */
  deployments: DeploymentStore;
  /** The environment reviews of workflow runs: a test adds the approvals a reviewer gives. */
  approvals: ApprovalStore;
  /** The label events of each pull request: a test applies and removes labels as a person would. */
  labelEvents: LabelEventStore;
  /** Each user's role on the repository: a user not granted one is unknown (404). */
  collaborators: CollaboratorStore;
  /** Each pull request's state now (GET /pulls/{n}): a pull request not set is unknown (404). */
  pulls: PullStore;
  stop(): Promise<void>;
}

const BOT: Account = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };
/** The one GraphQL query the stand-in answers, whitespace aside. */
const VIEWER_QUERIES = ['query { viewer { login databaseId } }', '{ viewer { login databaseId } }'];

/** GitHub's answer to POST /graphql for the viewer query; undefined when the request is another query. */
function graphqlAnswer(body: unknown, identity: Account, forbidden: boolean): { status: number; body: unknown } | undefined {
  const request = typeof body === 'object' && body !== null ? (body as { query?: unknown; variables?: unknown }) : {};
  const query = typeof request.query === 'string' ? request.query.replace(/\s+/g, ' ').trim() : '';
  const noVariables =
    request.variables === undefined || (typeof request.variables === 'object' && request.variables !== null && Object.keys(request.variables).length === 0);
  if (!VIEWER_QUERIES.includes(query) || !noVariables) return undefined;
  if (forbidden) {
    return {
      status: 200,
      body: {
        data: { viewer: null },
        errors: [{ type: 'FORBIDDEN', path: ['viewer'], locations: [{ line: 1, column: 9 }], message: 'Resource not accessible by integration' }],
      },
    };
  }
  return { status: 200, body: { data: { viewer: { login: identity.login, databaseId: identity.id } } } };
}

export async function startGitHubApiServer(options: GitHubApiServerOptions): Promise<GitHubApiServer> {
  const owner = options.owner ?? 'Codertocat';
  const repo = options.repo ?? 'Hello-World';
  const requests: RecordedRequest[] = [];
  const unexpected: RecordedRequest[] = [];
  let base = '';
  const identity = options.identity ?? BOT;
  const comments = new CommentStore(identity);
  const issues = new IssueStore(identity);
  const ofIssue = (n: number) => issues.issues.find((i) => i.number === n);
  const labels = new LabelStore(
    (n) => ofIssue(n)?.labels,
    (n, event, name) => labelEvents.recordWrite(n, event, name, identity),
  );
  const labelEvents: LabelEventStore = new LabelEventStore(labels, (n) => ofIssue(n) !== undefined);
  const collaborators = new CollaboratorStore();
  const deployments = new DeploymentStore(identity, options);
  const approvals = new ApprovalStore(options);
  const pulls = new PullStore();

  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (d: Buffer) => (raw += d.toString()));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', base);
      const record: RecordedRequest = { method: req.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), body: undefined };
      requests.push(record);
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
        res.end(JSON.stringify(body));
      };
      const fail = (status: number, message: string) => send(status, basicError(status, message));

      const auth = req.headers.authorization ?? '';
      if (auth !== `token ${options.token}` && auth !== `Bearer ${options.token}`) return fail(401, 'Bad credentials');
      if (raw !== '') {
        if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return fail(415, 'Unsupported Media Type');
        try {
          record.body = JSON.parse(raw);
        } catch {
          return fail(400, 'Problems parsing JSON');
        }
      }
      if (url.pathname === '/graphql' && req.method === 'POST') {
        const answer = graphqlAnswer(record.body, identity, options.viewerForbidden === true);
        if (answer) return send(answer.status, answer.body);
        unexpected.push(record);
        return send(200, { errors: [{ message: 'the stand-in answers only the viewer query { viewer { login databaseId } }' }] });
      }
      const write = req.method === 'POST' || req.method === 'PATCH' || req.method === 'PUT' || req.method === 'DELETE';
      if (write && options.readOnly) return fail(403, 'Resource not accessible by integration');
      const prefix = `/repos/${owner}/${repo}`;
      const route: RouteRequest = {
        method: req.method ?? '',
        path: url.pathname.slice(prefix.length),
        query: url.searchParams,
        body: record.body,
        owner,
        repo,
        repoUrl: `${base}${prefix}`,
        docs: DOCS,
        reply: replyWith(send),
        fail,
      };
      const served =
        url.pathname.startsWith(`${prefix}/`) &&
        [comments, issues, labels, deployments, approvals, labelEvents, collaborators, pulls].some((store) => store.handle(route));
      if (served || (url.pathname.startsWith(`${prefix}/`) && (handleCommits(route, options) || handlePullFiles(route, options)))) return;
      unexpected.push(record);
      return fail(404, 'Not Found');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    comments: comments.comments,
    requests,
    unexpected,
    seedComment: (issueNumber, body, user = { login: 'octocat', id: 1, type: 'User' }) => comments.seed(issueNumber, body, user),
    issues,
    labels,
    deployments,
    approvals,
    labelEvents,
    collaborators,
    pulls,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
