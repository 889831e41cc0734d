// The environment approvals endpoint of the strict local GitHub stand-in
// (test/support/github-api-server.ts): GET /repos/{o}/{r}/actions/runs/{run_id}/approvals, "Get the
// review history for a workflow run", typed by GitHub's OpenAPI description (`environment-approvals`):
// every review given on the run, in the order given, each naming its environments, the reviewer
// (`simple-user`), the state (approved, rejected, or pending for a comment only) and the comment.
// A run the stand-in does not know answers 404; with `actionsForbidden` (a token without
// `actions: read`) every run answers 403 "Resource not accessible by integration", as GitHub does.
// The run of run-action.ts (GITHUB_RUN_ID 4242) is known, with no reviews, unless a test says otherwise.
import { API, TIME, simpleUser, type Account } from './github-examples.js';
import type { RouteRequest, Schema } from './github-openapi.js';

type Review = Schema<'environment-approvals'>;

/** One review as a reviewer gives it on the run's page. */
export interface StandInReview {
  state: Review['state'];
  environments: string[];
  user: Account;
  comment?: string;
}

export interface ApprovalAnswers {
  /** The workflow runs the stand-in knows (default: 4242, the GITHUB_RUN_ID run-action.ts gives). */
  runs?: number[];
  /** Answer 403 for every run, as GitHub does for a token without `actions: read`. */
  actionsForbidden?: boolean;
}

export class ApprovalStore {
  private readonly runs = new Map<number, StandInReview[]>();

  constructor(private readonly answers: ApprovalAnswers = {}) {
    for (const id of answers.runs ?? [4242]) this.runs.set(id, []);
  }

  /** Adds a review to run `runId`, which the stand-in then knows. */
  review(runId: number, review: StandInReview): void {
    this.runs.set(runId, [...(this.runs.get(runId) ?? []), review]);
  }

  /** Handles the request when it is the approvals endpoint; false for any other path. */
  handle(r: RouteRequest): boolean {
    const m = /^\/actions\/runs\/(\d+)\/approvals$/.exec(r.path);
    if (!m || r.method !== 'GET') return false;
    const reviews = this.runs.get(Number(m[1]));
    if (this.answers.actionsForbidden) r.fail(403, 'Resource not accessible by integration');
    else if (!reviews) r.fail(404, 'Not Found');
    else
      r.reply(
        '/repos/{owner}/{repo}/actions/runs/{run_id}/approvals',
        'get',
        200,
        reviews.map((v) => this.view(r, v)),
      );
    return true;
  }

  private view(r: RouteRequest, v: StandInReview): Review {
    return {
      environments: v.environments.map((name) => environmentView(r, name)),
      state: v.state,
      user: simpleUser(v.user),
      comment: v.comment ?? '',
    };
  }
}

/** An environment as the review history names it (`environment-approvals.environments[]`). */
function environmentView(r: RouteRequest, name: string): Review['environments'][number] {
  const id = 56780000 + [...name].reduce((n, ch) => (n * 31 + (ch.codePointAt(0) ?? 0)) % 10000, 0);
  return {
    id,
    node_id: `EN_${id}`,
    name,
    url: `${API}/repos/${r.owner}/${r.repo}/environments/${encodeURIComponent(name)}`,
    html_url: `https://github.com/${r.owner}/${r.repo}/deployments/activity_log?environments_filter=${encodeURIComponent(name)}`,
    created_at: TIME,
    updated_at: TIME,
  };
}
