// The issues endpoints of the strict local GitHub stand-in (test/support/github-api-server.ts):
// list by labels and state with Link pagination, create, update (close and reopen included), with
// GitHub's validation: a title is required, a body holds at most 65,536 characters, and a state is
// open or closed; failures have GitHub's 422 shape.

export interface StoredIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  stateReason: string | null;
  labels: string[];
  user: { login: string; id: number; type: 'Bot' | 'User' };
}

export interface IssueRequest {
  method: string;
  /** The path below /repos/{owner}/{repo}. */
  path: string;
  query: URLSearchParams;
  body: unknown;
  /** The absolute URL of the list endpoint (for Link headers). */
  listUrl: string;
  send: (status: number, body: unknown, headers?: Record<string, string>) => void;
  fail: (status: number, message: string, extra?: Record<string, unknown>) => void;
}

const MAX_BODY_CHARS = 65_536;
const BOT = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' as const };

export class IssueStore {
  readonly issues: StoredIssue[] = [];
  private nextNumber = 500;

  /** `author` writes every issue created through the endpoints (the token's identity). */
  constructor(
    private readonly htmlBase: string,
    private readonly author: StoredIssue['user'] = BOT,
  ) {}

  seed(issue: Omit<StoredIssue, 'number'>): StoredIssue {
    const stored = { ...issue, number: this.nextNumber++ };
    this.issues.push(stored);
    return stored;
  }

  /** Handles the request when it is one of the issues endpoints; false for any other path. */
  handle(r: IssueRequest): boolean {
    const m = /^\/issues\/(\d+)$/.exec(r.path);
    if (r.path === '/issues' && r.method === 'GET') this.list(r);
    else if (r.path === '/issues' && r.method === 'POST') this.create(r);
    else if (m && r.method === 'PATCH') this.update(r, Number(m[1]));
    else return false;
    return true;
  }

  private view(i: StoredIssue): Record<string, unknown> {
    return {
      id: i.number * 10,
      number: i.number,
      title: i.title,
      body: i.body,
      state: i.state,
      state_reason: i.stateReason,
      labels: i.labels.map((name, n) => ({ id: n + 1, name, color: 'ededed', default: false })),
      user: i.user,
      html_url: `${this.htmlBase}/issues/${i.number}`,
      comments: 0,
      locked: false,
      created_at: '2026-12-01T00:00:00Z',
      updated_at: '2026-12-01T00:00:00Z',
      author_association: 'NONE',
    };
  }

  private list(r: IssueRequest): void {
    const state = r.query.get('state') ?? 'open';
    if (!['open', 'closed', 'all'].includes(state))
      return r.fail(422, 'Validation Failed', { errors: [{ resource: 'Issue', code: 'invalid', field: 'state' }] });
    const labels = (r.query.get('labels') ?? '').split(',').filter((l) => l !== '');
    const perPage = Math.min(Number(r.query.get('per_page') ?? 30), 100);
    const page = Number(r.query.get('page') ?? 1);
    const all = this.issues
      .filter((i) => (state === 'all' || i.state === state) && labels.every((l) => i.labels.includes(l)))
      .sort((a, b) => b.number - a.number);
    const last = Math.max(1, Math.ceil(all.length / perPage));
    const link = (n: number, rel: string) => {
      const q = new URLSearchParams(r.query);
      q.set('page', String(n));
      return `<${r.listUrl}?${q.toString()}>; rel="${rel}"`;
    };
    const links = [...(page < last ? [link(page + 1, 'next'), link(last, 'last')] : []), ...(page > 1 ? [link(page - 1, 'prev'), link(1, 'first')] : [])];
    r.send(
      200,
      all.slice((page - 1) * perPage, page * perPage).map((i) => this.view(i)),
      links.length > 0 ? { link: links.join(', ') } : {},
    );
  }

  /** The field's 422, or undefined when the fields given are valid. */
  private invalid(body: Record<string, unknown>, creating: boolean): Record<string, unknown> | undefined {
    if ((creating || 'title' in body) && (typeof body.title !== 'string' || body.title.trim() === ''))
      return { resource: 'Issue', code: 'missing_field', field: 'title' };
    if ('body' in body && body.body !== null && typeof body.body !== 'string') return { resource: 'Issue', code: 'invalid', field: 'body' };
    if (typeof body.body === 'string' && [...body.body].length > MAX_BODY_CHARS) {
      return { resource: 'Issue', code: 'custom', field: 'body', message: 'body is too long (maximum is 65536 characters)' };
    }
    if ('state' in body && body.state !== 'open' && body.state !== 'closed') return { resource: 'Issue', code: 'invalid', field: 'state' };
    if ('labels' in body && (!Array.isArray(body.labels) || body.labels.some((l) => typeof l !== 'string')))
      return { resource: 'Issue', code: 'invalid', field: 'labels' };
    return undefined;
  }

  private fields(r: IssueRequest, creating: boolean): Record<string, unknown> | undefined {
    const body = typeof r.body === 'object' && r.body !== null ? (r.body as Record<string, unknown>) : {};
    const error = this.invalid(body, creating);
    if (!error) return body;
    r.fail(422, 'Validation Failed', { errors: [error] });
    return undefined;
  }

  private create(r: IssueRequest): void {
    const body = this.fields(r, true);
    if (!body) return;
    const labels = Array.isArray(body.labels) ? body.labels.filter((l): l is string => typeof l === 'string') : [];
    const issue = this.seed({
      title: String(body.title),
      body: typeof body.body === 'string' ? body.body : '',
      state: 'open',
      stateReason: null,
      labels,
      user: this.author,
    });
    r.send(201, this.view(issue));
  }

  private update(r: IssueRequest, number: number): void {
    const issue = this.issues.find((i) => i.number === number);
    if (!issue) return r.fail(404, 'Not Found');
    const body = this.fields(r, false);
    if (!body) return;
    if (typeof body.title === 'string') issue.title = body.title;
    if (typeof body.body === 'string') issue.body = body.body;
    if (body.state === 'open' || body.state === 'closed') {
      issue.stateReason =
        body.state === 'closed'
          ? typeof body.state_reason === 'string'
            ? body.state_reason
            : 'completed'
          : issue.state === 'closed'
            ? 'reopened'
            : issue.stateReason;
      issue.state = body.state;
    }
    r.send(200, this.view(issue));
  }
}
