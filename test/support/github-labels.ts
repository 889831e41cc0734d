// The labels endpoints of the strict local GitHub stand-in (github-api-server.ts) for issues and pull
// requests (GitHub numbers them alike): list, add (creating a missing repository label, as GitHub
// does) and remove one label, which answers 404 when the issue does not carry it, as GitHub does.
// Each label the token adds or removes is told to the issue events (github-label-events.ts).
// Bodies are typed by GitHub's OpenAPI description; a malformed add is refused with GitHub's 422.
import { labelView } from './github-examples.js';
import { isRecord, onePage, validationFailed, type RequestBody, type RouteRequest, type Schema } from './github-openapi.js';

type AddLabels = RequestBody<'/repos/{owner}/{repo}/issues/{issue_number}/labels', 'post'>;

export interface RepositoryLabel {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

/** The label names of an add request (GitHub takes names or `{name}` objects), or undefined when GitHub would refuse it. */
function namesToAdd(body: unknown): string[] | undefined {
  if (!isRecord(body) || !Array.isArray(body.labels)) return undefined;
  const labels = body.labels as unknown[];
  const names = labels.map((l) => (typeof l === 'string' ? l : isRecord(l) && typeof l.name === 'string' ? l.name : undefined));
  if (names.some((n) => n === undefined || n.trim() === '' || n.length > 50)) return undefined;
  return (body as AddLabels).labels?.map((l) => (typeof l === 'string' ? l : l.name)) ?? [];
}

export class LabelStore {
  /** The repository's labels; adding an unknown name to an issue creates one here. */
  readonly repository: RepositoryLabel[] = [];
  private readonly onPulls = new Map<number, string[]>();

  /**
   * `issueLabels` gives the labels of a stored issue; any other number is a pull request. `written` hears
   * each label the token adds or removes through the endpoints (the issue's `labeled`/`unlabeled` events).
   */
  constructor(
    private readonly issueLabels: (issueNumber: number) => string[] | undefined,
    private readonly written: (issueNumber: number, event: 'labeled' | 'unlabeled', name: string) => void = () => {},
  ) {}

  /** The label names on issue or pull request `issueNumber`, in the order they were added (a live array). */
  on(issueNumber: number): string[] {
    const ofIssue = this.issueLabels(issueNumber);
    if (ofIssue) return ofIssue;
    const ofPull = this.onPulls.get(issueNumber) ?? [];
    this.onPulls.set(issueNumber, ofPull);
    return ofPull;
  }

  /** Puts labels on an issue or pull request as a person would, creating the repository labels. */
  seed(issueNumber: number, names: readonly string[]): void {
    const on = this.on(issueNumber);
    for (const name of names) {
      this.define(name);
      if (!on.includes(name)) on.push(name);
    }
  }

  /** Handles the request when it is one of the labels endpoints; false for any other path. */
  handle(r: RouteRequest): boolean {
    const list = /^\/issues\/(\d+)\/labels$/.exec(r.path);
    const one = /^\/issues\/(\d+)\/labels\/([^/]+)$/.exec(r.path);
    if (list && r.method === 'GET') {
      const page = onePage(r, this.views(r, Number(list[1])));
      r.reply('/repos/{owner}/{repo}/issues/{issue_number}/labels', 'get', 200, page.items, page.headers);
    } else if (list && r.method === 'POST') this.add(r, Number(list[1]));
    else if (one && r.method === 'DELETE') this.remove(r, Number(one[1]), decodeURIComponent(one[2]!));
    else return false;
    return true;
  }

  private define(name: string): RepositoryLabel {
    const known = this.repository.find((l) => l.name === name);
    if (known) return known;
    const created = { id: 208045946 + this.repository.length, name, color: 'ededed', description: null };
    this.repository.push(created);
    return created;
  }

  private views(r: RouteRequest, issueNumber: number): Schema<'label'>[] {
    return this.on(issueNumber).map((name) => {
      const l = this.define(name);
      return labelView(r.owner, r.repo, l.name, l.id, l.color, l.description);
    });
  }

  private add(r: RouteRequest, issueNumber: number): void {
    const names = namesToAdd(r.body);
    if (!names)
      return r.reply(
        '/repos/{owner}/{repo}/issues/{issue_number}/labels',
        'post',
        422,
        validationFailed({ resource: 'Label', code: 'invalid', field: 'labels' }),
      );
    const added = names.filter((n, i) => !this.on(issueNumber).includes(n) && names.indexOf(n) === i);
    this.seed(issueNumber, names);
    for (const name of added) this.written(issueNumber, 'labeled', name);
    r.reply('/repos/{owner}/{repo}/issues/{issue_number}/labels', 'post', 200, this.views(r, issueNumber));
  }

  private remove(r: RouteRequest, issueNumber: number, name: string): void {
    const on = this.on(issueNumber);
    const at = on.indexOf(name);
    if (at < 0)
      return r.reply('/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}', 'delete', 404, {
        message: 'Label does not exist',
        documentation_url: r.docs,
        status: '404',
      });
    on.splice(at, 1);
    this.written(issueNumber, 'unlabeled', name);
    r.reply('/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}', 'delete', 200, this.views(r, issueNumber));
  }
}
