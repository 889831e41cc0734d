// The issue comment endpoints of the strict local GitHub stand-in (github-api-server.ts): list with
// Link pagination, create and update, with GitHub's validation (a string `body` of at most 65,536
// characters, else GitHub's 422) and an unknown comment answered 404. Bodies are typed by GitHub's
// OpenAPI description.
import { simpleUser, type Account } from './github-examples.js';
import { isRecord, onePage, validationFailed, type RequestBody, type RouteRequest, type Schema } from './github-openapi.js';

export interface StoredComment {
  id: number;
  issueNumber: number;
  body: string;
  user: Account;
}

type CommentBody = RequestBody<'/repos/{owner}/{repo}/issues/{issue_number}/comments', 'post'> &
  RequestBody<'/repos/{owner}/{repo}/issues/comments/{comment_id}', 'patch'>;
type FieldError = NonNullable<Schema<'validation-error'>['errors']>[number];

const MAX_BODY_CHARS = 65_536;

/** The field's 422 error, or undefined when the request is a valid comment body. */
function invalid(body: unknown): FieldError | undefined {
  const text = isRecord(body) ? body.body : undefined;
  if (typeof text !== 'string') return { resource: 'IssueComment', code: 'missing_field', field: 'body' };
  if ([...text].length > MAX_BODY_CHARS)
    return { resource: 'IssueComment', code: 'custom', field: 'body', message: 'body is too long (maximum is 65536 characters)' };
  return undefined;
}

export class CommentStore {
  readonly comments: StoredComment[] = [];
  private nextId = 1000;

  /** `author` writes every comment created through the endpoints (the token's identity). */
  constructor(private readonly author: Account) {}

  seed(issueNumber: number, body: string, user: Account): StoredComment {
    const c: StoredComment = { id: this.nextId++, issueNumber, body, user };
    this.comments.push(c);
    return c;
  }

  /** Handles the request when it is one of the comment endpoints; false for any other path. */
  handle(r: RouteRequest): boolean {
    const onIssue = /^\/issues\/(\d+)\/comments$/.exec(r.path);
    const one = /^\/issues\/comments\/(\d+)$/.exec(r.path);
    if (onIssue && r.method === 'GET') this.list(r, Number(onIssue[1]));
    else if (onIssue && r.method === 'POST') this.create(r, Number(onIssue[1]));
    else if (one && r.method === 'PATCH') this.update(r, Number(one[1]));
    else return false;
    return true;
  }

  private view(r: RouteRequest, c: StoredComment): Schema<'issue-comment'> {
    return {
      id: c.id,
      node_id: `IC_${c.id}`,
      body: c.body,
      user: simpleUser(c.user),
      url: `${r.repoUrl}/issues/comments/${c.id}`,
      html_url: `https://github.com/${r.owner}/${r.repo}/pull/${c.issueNumber}#issuecomment-${c.id}`,
      issue_url: `${r.repoUrl}/issues/${c.issueNumber}`,
      created_at: '2026-11-22T00:00:00Z',
      updated_at: '2026-11-22T00:00:00Z',
      author_association: 'NONE',
    };
  }

  private list(r: RouteRequest, issueNumber: number): void {
    const page = onePage(
      r,
      this.comments.filter((c) => c.issueNumber === issueNumber).sort((a, b) => a.id - b.id),
    );
    r.reply(
      '/repos/{owner}/{repo}/issues/{issue_number}/comments',
      'get',
      200,
      page.items.map((c) => this.view(r, c)),
      page.headers,
    );
  }

  private create(r: RouteRequest, issueNumber: number): void {
    const error = invalid(r.body);
    if (error) return r.reply('/repos/{owner}/{repo}/issues/{issue_number}/comments', 'post', 422, validationFailed(error));
    const c = this.seed(issueNumber, (r.body as CommentBody).body, this.author);
    r.reply('/repos/{owner}/{repo}/issues/{issue_number}/comments', 'post', 201, this.view(r, c));
  }

  private update(r: RouteRequest, commentId: number): void {
    const c = this.comments.find((x) => x.id === commentId);
    if (!c) return r.fail(404, 'Not Found');
    const error = invalid(r.body);
    if (error) return r.reply('/repos/{owner}/{repo}/issues/comments/{comment_id}', 'patch', 422, validationFailed(error));
    c.body = (r.body as CommentBody).body;
    r.reply('/repos/{owner}/{repo}/issues/comments/{comment_id}', 'patch', 200, this.view(r, c));
  }
}
