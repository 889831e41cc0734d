// A strict local stand-in for GitHub's REST API, on 127.0.0.1, reached through GITHUB_API_URL:
// exact paths only, the auth header checked, comment bodies limited to 65,536 characters, Link
// pagination, read-only tokens refused on writes, and the issues endpoints (github-issues.ts).
// POST /graphql answers the viewer query only (the token's identity, which also authors every
// comment and issue the token creates); any other query is refused. Everything it is sent is recorded.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { IssueStore } from './github-issues.js';

export interface StoredComment {
  id: number;
  issueNumber: number;
  body: string;
  user: { login: string; id: number; type: 'Bot' | 'User' };
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
}

export interface GitHubApiServerOptions {
  token: string;
  /** Who the token acts as: the GraphQL viewer and the author of what it creates. Default github-actions[bot] (41898282). */
  identity?: StoredComment['user'];
  /** Answer the viewer query with GitHub's FORBIDDEN error, as for a token whose identity cannot be read. */
  viewerForbidden?: boolean;
  /** Answer writes with 403, as GitHub does for a fork's read-only token. */
  readOnly?: boolean;
  /** How head relates to base, for GET /repos/{o}/{r}/compare/{base}...{head}. */
  compare?: (base: string, head: string) => 'ahead' | 'behind' | 'identical' | 'diverged';
  /** Pull requests associated with a commit. */
  pulls?: (sha: string) => { number: number; state: string; merged_at: string | null; head?: { sha: string } }[];
  /** GitHub's verification of a commit, for GET /repos/{o}/{r}/commits/{ref}; undefined: no such commit (422). */
  commits?: (sha: string) => StandInCommit | undefined;
  owner?: string;
  repo?: string;
}

/** What the stand-in says about one commit's signature. */
export interface StandInCommit {
  verified: boolean;
  /** GitHub's `verification.reason`: valid, unsigned, unknown_key, invalid, … */
  reason: string;
  committer?: { name: string; email: string };
  /** The committer's GitHub account (`web-flow` for commits made in the web UI); null when none matched. */
  login?: string | null;
}

export interface GitHubApiServer {
  url: string;
  comments: StoredComment[];
  requests: RecordedRequest[];
  /** Requests to paths GitHub would not serve this way. */
  unexpected: RecordedRequest[];
  seedComment(issueNumber: number, body: string, user?: StoredComment['user']): StoredComment;
  /** Issues (not pull requests): created, listed, updated and closed through the issues endpoints. */
  issues: IssueStore;
  stop(): Promise<void>;
}

const BOT = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' as const };
const MAX_BODY_CHARS = 65_536;
/** The one GraphQL query the stand-in answers, whitespace aside. */
const VIEWER_QUERIES = ['query { viewer { login databaseId } }', '{ viewer { login databaseId } }'];

/** GitHub's answer to POST /graphql for the viewer query; undefined when the request is another query. */
function graphqlAnswer(body: unknown, identity: StoredComment['user'], forbidden: boolean): { status: number; body: unknown } | undefined {
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

/** A commit object in the shape of GET /repos/{owner}/{repo}/commits/{ref}, with `commit.verification` as GitHub writes it. */
function commitView(api: string, owner: string, repo: string, sha: string, c: StandInCommit) {
  const committer = c.committer ?? { name: 'Monalisa Octocat', email: 'mona@github.com' };
  const user = (login: string) => ({ login, id: 1, node_id: 'MDQ6VXNlcjE=', type: 'User', site_admin: false, url: `https://api.github.com/users/${login}` });
  const signed = c.reason !== 'unsigned';
  return {
    url: `${api}/commits/${sha}`,
    sha,
    node_id: 'MDY6Q29tbWl0NmRjYjA5YjViNTc4NzVmMzM0ZjYxYWViZWQ2OTVlMmU0MTkzZGI1ZQ==',
    html_url: `https://github.com/${owner}/${repo}/commit/${sha}`,
    comments_url: `${api}/commits/${sha}/comments`,
    commit: {
      url: `${api}/git/commits/${sha}`,
      author: { ...committer, date: '2026-11-22T10:00:00Z' },
      committer: { ...committer, date: '2026-11-22T10:00:00Z' },
      message: 'a commit',
      tree: { url: `${api}/git/trees/${'0'.repeat(40)}`, sha: '0'.repeat(40) },
      comment_count: 0,
      verification: {
        verified: c.verified,
        reason: c.reason,
        signature: signed ? '-----BEGIN PGP SIGNATURE-----\n\n-----END PGP SIGNATURE-----\n' : null,
        payload: signed ? `tree ${'0'.repeat(40)}\n` : null,
        verified_at: c.verified ? '2026-11-22T10:00:01Z' : null,
      },
    },
    author: c.login ? user(c.login) : null,
    committer: c.login ? user(c.login) : null,
    parents: [],
    stats: { additions: 0, deletions: 0, total: 0 },
    files: [],
  };
}

export async function startGitHubApiServer(options: GitHubApiServerOptions): Promise<GitHubApiServer> {
  const owner = options.owner ?? 'Codertocat';
  const repo = options.repo ?? 'Hello-World';
  const comments: StoredComment[] = [];
  const requests: RecordedRequest[] = [];
  const unexpected: RecordedRequest[] = [];
  let nextId = 1000;
  let base = '';
  const identity = options.identity ?? BOT;
  const issues = new IssueStore(`https://github.com/${owner}/${repo}`, identity);

  const view = (c: StoredComment) => ({
    id: c.id,
    node_id: `IC_${c.id}`,
    body: c.body,
    user: c.user,
    url: `${base}/repos/${owner}/${repo}/issues/comments/${c.id}`,
    html_url: `https://github.com/${owner}/${repo}/pull/${c.issueNumber}#issuecomment-${c.id}`,
    issue_url: `${base}/repos/${owner}/${repo}/issues/${c.issueNumber}`,
    created_at: '2026-11-22T00:00:00Z',
    updated_at: '2026-11-22T00:00:00Z',
    author_association: 'NONE',
  });

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
      const fail = (status: number, message: string, extra: Record<string, unknown> = {}) =>
        send(status, { message, documentation_url: 'https://docs.github.com/rest', status: String(status), ...extra });

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
      const write = req.method === 'POST' || req.method === 'PATCH';
      const prefix = `/repos/${owner}/${repo}`;
      const p = url.pathname;
      const checkBody = (): string | undefined => {
        const body = (record.body as { body?: unknown } | undefined)?.body;
        if (typeof body !== 'string') {
          fail(422, 'Validation Failed', { errors: [{ resource: 'IssueComment', code: 'missing_field', field: 'body' }] });
          return undefined;
        }
        if ([...body].length > MAX_BODY_CHARS) {
          fail(422, 'Validation Failed', {
            errors: [{ resource: 'IssueComment', code: 'custom', field: 'body', message: 'body is too long (maximum is 65536 characters)' }],
          });
          return undefined;
        }
        return body;
      };

      if (p === '/graphql' && req.method === 'POST') {
        const answer = graphqlAnswer(record.body, identity, options.viewerForbidden === true);
        if (answer) return send(answer.status, answer.body);
        unexpected.push(record);
        return send(200, { errors: [{ message: 'the stand-in answers only the viewer query { viewer { login databaseId } }' }] });
      }
      let m: RegExpExecArray | null;
      if (write && options.readOnly) return fail(403, 'Resource not accessible by integration');
      if ((m = new RegExp(`^${prefix}/issues/(\\d+)/comments$`).exec(p))) {
        const issueNumber = Number(m[1]);
        if (req.method === 'GET') {
          const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30), 100);
          const page = Number(url.searchParams.get('page') ?? 1);
          const all = comments.filter((c) => c.issueNumber === issueNumber).sort((a, b) => a.id - b.id);
          const last = Math.max(1, Math.ceil(all.length / perPage));
          const links: string[] = [];
          const link = (n: number, rel: string) => `<${base}${p}?per_page=${perPage}&page=${n}>; rel="${rel}"`;
          if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
          if (page > 1) links.push(link(page - 1, 'prev'), link(1, 'first'));
          return send(200, all.slice((page - 1) * perPage, page * perPage).map(view), links.length ? { link: links.join(', ') } : {});
        }
        if (req.method === 'POST') {
          const body = checkBody();
          if (body === undefined) return;
          const c: StoredComment = { id: nextId++, issueNumber, body, user: identity };
          comments.push(c);
          return send(201, view(c));
        }
      }
      if ((m = new RegExp(`^${prefix}/issues/comments/(\\d+)$`).exec(p)) && req.method === 'PATCH') {
        const c = comments.find((x) => x.id === Number(m![1]));
        if (!c) return fail(404, 'Not Found');
        const body = checkBody();
        if (body === undefined) return;
        c.body = body;
        return send(200, view(c));
      }
      if ((m = new RegExp(`^${prefix}/commits/([0-9a-f]{7,40})/pulls$`).exec(p)) && req.method === 'GET') {
        return send(
          200,
          (options.pulls?.(m[1]!) ?? []).map((x) => ({
            ...x,
            id: x.number,
            html_url: `https://github.com/${owner}/${repo}/pull/${x.number}`,
            // GitHub always sends the head; a pull request merged by fast-forward has the commit itself as its head.
            head: { ref: 'feature', sha: x.head?.sha ?? m![1]! },
          })),
        );
      }
      if ((m = new RegExp(`^${prefix}/compare/([0-9a-f]{7,40})\\.\\.\\.([0-9a-f]{7,40})$`).exec(p)) && req.method === 'GET' && options.compare) {
        const status = options.compare(m[1]!, m[2]!);
        return send(200, {
          status,
          ahead_by: status === 'ahead' || status === 'diverged' ? 1 : 0,
          behind_by: status === 'behind' || status === 'diverged' ? 1 : 0,
          total_commits: 0,
          commits: [],
          files: [],
        });
      }
      if ((m = new RegExp(`^${prefix}/commits/([0-9a-f]{7,40})$`).exec(p)) && req.method === 'GET' && options.commits) {
        const found = options.commits(m[1]!);
        if (!found) return fail(422, `No commit found for SHA: ${m[1]!}`);
        return send(200, commitView(`${base}${prefix}`, owner, repo, m[1]!, found));
      }
      const issueRequest = {
        method: req.method ?? '',
        path: p.slice(prefix.length),
        query: url.searchParams,
        body: record.body,
        listUrl: `${base}${prefix}/issues`,
        send,
        fail,
      };
      if (p.startsWith(`${prefix}/`) && issues.handle(issueRequest)) return;
      unexpected.push(record);
      return fail(404, 'Not Found');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    comments,
    requests,
    unexpected,
    seedComment(issueNumber, body, user = { login: 'octocat', id: 1, type: 'User' }) {
      const c: StoredComment = { id: nextId++, issueNumber, body, user };
      comments.push(c);
      return c;
    },
    issues,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
