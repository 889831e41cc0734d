// The issue events endpoint of the strict local GitHub stand-in (test/support/github-api-server.ts):
// GET /repos/{o}/{r}/issues/{issue_number}/events, "List issue events", typed by GitHub's OpenAPI
// description (`issue-event-for-issue`), oldest first with Link pagination. A person applying or
// removing a label (`apply`, `remove`) changes the labels on the pull request (github-labels.ts) and
// records a `labeled` or `unlabeled` event with the person as its actor, as GitHub does; applying a
// label already on, or removing one that is not, records nothing. The token's own label writes
// through the labels endpoints are recorded the same way (`recordWrite`). An issue or pull request
// the stand-in does not know answers 404; `forbidden` answers 403, as for a token that may not read it.
import { API, simpleUser, type Account } from './github-examples.js';
import type { LabelStore } from './github-labels.js';
import { onePage, type RouteRequest, type Schema } from './github-openapi.js';

type IssueEvent = Schema<'issue-event-for-issue'>;

/** One recorded event: a label applied or removed, or the pull request renamed. */
interface StoredEvent {
  id: number;
  actor: Account;
  at: string;
  change: { event: 'labeled' | 'unlabeled'; label: string } | { event: 'renamed'; from: string; to: string };
}

/** Minutes after this, one per event: GitHub's clock as the stand-in keeps it. */
const START = Date.parse('2026-11-22T10:00:00Z');
const FIRST_ID = 17_000_000_001;

export class LabelEventStore {
  /** Answer 403 "Resource not accessible by integration" for every issue. */
  forbidden = false;
  private readonly events = new Map<number, StoredEvent[]>();
  private nextId = FIRST_ID;

  /** `known`: whether an issue or pull request without events exists (the stand-in's issues). */
  constructor(
    private readonly labels: LabelStore,
    private readonly known: (issueNumber: number) => boolean = () => false,
  ) {}

  /** Makes pull request `number` known, with no events yet. */
  open(issueNumber: number): void {
    if (!this.events.has(issueNumber)) this.events.set(issueNumber, []);
  }

  /** `actor` applies `label` to the pull request, as on its page. */
  apply(issueNumber: number, label: string, actor: Account): void {
    this.open(issueNumber);
    if (this.labels.on(issueNumber).includes(label)) return;
    this.labels.seed(issueNumber, [label]);
    this.record(issueNumber, actor, { event: 'labeled', label });
  }

  /** `actor` removes `label` from the pull request, as on its page. */
  remove(issueNumber: number, label: string, actor: Account): void {
    this.open(issueNumber);
    const on = this.labels.on(issueNumber);
    const at = on.indexOf(label);
    if (at < 0) return;
    on.splice(at, 1);
    this.record(issueNumber, actor, { event: 'unlabeled', label });
  }

  /** `actor` edits the pull request's title: an event that is not about labels. */
  rename(issueNumber: number, from: string, to: string, actor: Account): void {
    this.open(issueNumber);
    this.record(issueNumber, actor, { event: 'renamed', from, to });
  }

  /** A label the token added (`labeled`) or removed (`unlabeled`) through the labels endpoints. */
  recordWrite(issueNumber: number, event: 'labeled' | 'unlabeled', label: string, token: Account): void {
    this.open(issueNumber);
    this.record(issueNumber, token, { event, label });
  }

  /** Handles the request when it is the issue events endpoint; false for any other path. */
  handle(r: RouteRequest): boolean {
    const m = /^\/issues\/(\d+)\/events$/.exec(r.path);
    if (!m || r.method !== 'GET') return false;
    const issueNumber = Number(m[1]);
    const events = this.events.get(issueNumber) ?? (this.known(issueNumber) ? [] : undefined);
    if (this.forbidden) r.fail(403, 'Resource not accessible by integration');
    else if (!events) r.fail(404, 'Not Found');
    else {
      const page = onePage(
        r,
        events.map((e) => view(r, e)),
      );
      r.reply('/repos/{owner}/{repo}/issues/{issue_number}/events', 'get', 200, page.items, page.headers);
    }
    return true;
  }

  private record(issueNumber: number, actor: Account, change: StoredEvent['change']): void {
    const list = this.events.get(issueNumber) ?? [];
    const at = new Date(START + (this.nextId - FIRST_ID) * 60_000).toISOString().replace('.000Z', 'Z');
    list.push({ id: this.nextId++, actor, at, change });
    this.events.set(issueNumber, list);
  }
}

/** The event as GitHub lists it: `labeled-issue-event`, `unlabeled-issue-event` or `renamed-issue-event`. */
function view(r: RouteRequest, e: StoredEvent): IssueEvent {
  const common = {
    id: e.id,
    node_id: `LE_${e.id}`,
    url: `${API}/repos/${r.owner}/${r.repo}/issues/events/${e.id}`,
    actor: simpleUser(e.actor),
    event: e.change.event,
    commit_id: null,
    commit_url: null,
    created_at: e.at,
    performed_via_github_app: null,
  };
  if (e.change.event === 'renamed') return { ...common, rename: { from: e.change.from, to: e.change.to } };
  return { ...common, label: { name: e.change.label, color: 'ededed' } };
}
