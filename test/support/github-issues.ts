// The issues endpoints of the strict local GitHub stand-in (test/support/github-api-server.ts):
// list by labels and state with Link pagination, create, update (close and reopen included), with
// GitHub's validation: a title is required, a body holds at most 65,536 characters, and a state is
// open or closed; failures have GitHub's 422 shape. Bodies are typed by GitHub's OpenAPI description.
import { API, TIME, labelView, simpleUser, type Account } from './github-examples.js';
import { isRecord, onePage, validationFailed, type RequestBody, type RouteRequest, type Schema } from './github-openapi.js';

export interface StoredIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  stateReason: Schema<'issue'>['state_reason'];
  labels: string[];
  user: Account;
}

type CreateIssue = RequestBody<'/repos/{owner}/{repo}/issues', 'post'>;
type UpdateIssue = RequestBody<'/repos/{owner}/{repo}/issues/{issue_number}', 'patch'>;
type FieldError = NonNullable<Schema<'validation-error'>['errors']>[number];

const MAX_BODY_CHARS = 65_536;
const BOT: Account = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };
const STATE_REASONS = ['completed', 'not_planned', 'duplicate', 'reopened'] as const;

/** The field's 422, or undefined when the fields given are valid. */
function invalid(body: Record<string, unknown>, creating: boolean): FieldError | undefined {
  if ((creating || 'title' in body) && (typeof body.title !== 'string' || body.title.trim() === ''))
    return { resource: 'Issue', code: 'missing_field', field: 'title' };
  if ('body' in body && body.body !== null && typeof body.body !== 'string') return { resource: 'Issue', code: 'invalid', field: 'body' };
  if (typeof body.body === 'string' && [...body.body].length > MAX_BODY_CHARS) {
    return { resource: 'Issue', code: 'custom', field: 'body', message: 'body is too long (maximum is 65536 characters)' };
  }
  if ('state' in body && body.state !== 'open' && body.state !== 'closed') return { resource: 'Issue', code: 'invalid', field: 'state' };
  if ('state_reason' in body && body.state_reason !== null && !STATE_REASONS.some((s) => s === body.state_reason))
    return { resource: 'Issue', code: 'invalid', field: 'state_reason' };
  if ('labels' in body && (!Array.isArray(body.labels) || body.labels.some((l) => typeof l !== 'string')))
    return { resource: 'Issue', code: 'invalid', field: 'labels' };
  return undefined;
}

export class IssueStore {
  readonly issues: StoredIssue[] = [];
  private nextNumber = 500;

  /** `author` writes every issue created through the endpoints (the token's identity). */
  constructor(private readonly author: Account = BOT) {}

  seed(issue: Omit<StoredIssue, 'number'>): StoredIssue {
    const stored = { ...issue, number: this.nextNumber++ };
    this.issues.push(stored);
    return stored;
  }

  /** Handles the request when it is one of the issues endpoints; false for any other path. */
  handle(r: RouteRequest): boolean {
    const m = /^\/issues\/(\d+)$/.exec(r.path);
    if (r.path === '/issues' && r.method === 'GET') this.list(r);
    else if (r.path === '/issues' && r.method === 'POST') this.create(r);
    else if (m && r.method === 'PATCH') this.update(r, Number(m[1]));
    else return false;
    return true;
  }

  private view(r: RouteRequest, i: StoredIssue): Schema<'issue'> {
    const url = `${API}/repos/${r.owner}/${r.repo}/issues/${i.number}`;
    return {
      id: i.number * 10,
      node_id: `I_${i.number}`,
      url,
      repository_url: `${API}/repos/${r.owner}/${r.repo}`,
      labels_url: `${url}/labels{/name}`,
      comments_url: `${url}/comments`,
      events_url: `${url}/events`,
      html_url: `https://github.com/${r.owner}/${r.repo}/issues/${i.number}`,
      number: i.number,
      title: i.title,
      body: i.body,
      state: i.state,
      state_reason: i.stateReason,
      labels: i.labels.map((name, n) => labelView(r.owner, r.repo, name, n + 1)),
      user: simpleUser(i.user),
      assignee: null,
      milestone: null,
      locked: false,
      comments: 0,
      closed_at: i.state === 'closed' ? TIME : null,
      created_at: '2026-12-01T00:00:00Z',
      updated_at: '2026-12-01T00:00:00Z',
      author_association: 'NONE',
    };
  }

  private list(r: RouteRequest): void {
    const state = r.query.get('state') ?? 'open';
    if (!['open', 'closed', 'all'].includes(state))
      return r.reply('/repos/{owner}/{repo}/issues', 'get', 422, validationFailed({ resource: 'Issue', code: 'invalid', field: 'state' }));
    const labels = (r.query.get('labels') ?? '').split(',').filter((l) => l !== '');
    const all = this.issues
      .filter((i) => (state === 'all' || i.state === state) && labels.every((l) => i.labels.includes(l)))
      .sort((a, b) => b.number - a.number);
    const page = onePage(r, all);
    r.reply(
      '/repos/{owner}/{repo}/issues',
      'get',
      200,
      page.items.map((i) => this.view(r, i)),
      page.headers,
    );
  }

  private create(r: RouteRequest): void {
    const body = isRecord(r.body) ? r.body : {};
    const error = invalid(body, true);
    if (error) return r.reply('/repos/{owner}/{repo}/issues', 'post', 422, validationFailed(error));
    const fields = body as CreateIssue;
    const labels = (fields.labels ?? []).filter((l): l is string => typeof l === 'string');
    const issue = this.seed({ title: String(fields.title), body: fields.body ?? '', state: 'open', stateReason: null, labels, user: this.author });
    r.reply('/repos/{owner}/{repo}/issues', 'post', 201, this.view(r, issue));
  }

  private update(r: RouteRequest, number: number): void {
    const issue = this.issues.find((i) => i.number === number);
    if (!issue) return r.fail(404, 'Not Found');
    const body = isRecord(r.body) ? r.body : {};
    const error = invalid(body, false);
    if (error) return r.reply('/repos/{owner}/{repo}/issues/{issue_number}', 'patch', 422, validationFailed(error));
    const fields = body as UpdateIssue;
    if (typeof fields.title === 'string') issue.title = fields.title;
    if (typeof fields.body === 'string') issue.body = fields.body;
    if (fields.state === 'open' || fields.state === 'closed') {
      issue.stateReason = fields.state === 'closed' ? (fields.state_reason ?? 'completed') : issue.state === 'closed' ? 'reopened' : issue.stateReason;
      issue.state = fields.state;
    }
    r.reply('/repos/{owner}/{repo}/issues/{issue_number}', 'patch', 200, this.view(r, issue));
  }
}
