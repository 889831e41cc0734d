// The deployments endpoints of the strict local GitHub stand-in (test/support/github-api-server.ts):
// list deployments (newest first, filtered by sha, ref, task and environment), create one, list a
// deployment's statuses (newest first) and add one, each typed by GitHub's OpenAPI description.
// GitHub's rules as its REST reference states them:
// - create: `ref` is required (422 missing_field); `environment` defaults to `production`, and
//   `production_environment` to whether it is `production`; without `required_contexts` every
//   commit status context must be success, so while the test says contexts are pending the create is
//   refused with 409 ("Conflict: Commit status checks failed"), as it is when a listed context is
//   pending; `required_contexts: []` skips the check.
// - a status: `state` is one of seven (422 invalid), the description at most 140 characters (422),
//   `log_url` also sets `target_url`; on `success`, unless `auto_inactive: false`, every earlier
//   deployment of the same environment that is neither transient nor production and whose newest
//   status is `success` gets an `inactive` status. An unknown deployment is 404.
// A job that declares `environment:` gets its deployment from GitHub Actions, not from a token:
// `seedJobDeployment` stands for it (ref = the branch, payload {}, created via the GitHub Actions app,
// statuses queued then in_progress pointing at the job's log), and `finishJob` for the status GitHub
// writes when the job ends (the job's `environment.url`, empty when it declares none).
import { API, TIME, simpleUser, type Account } from './github-examples.js';
import { isRecord, onePage, validationFailed, type RouteRequest, type Schema } from './github-openapi.js';

type State = Schema<'deployment-status'>['state'];

export interface StoredStatus {
  id: number;
  state: State;
  logUrl: string;
  environmentUrl: string;
  description: string;
  creator: Account;
  /** When the stand-in recorded it (its `created_at`). */
  createdAt: string;
}

export interface StoredDeployment {
  id: number;
  sha: string;
  ref: string;
  environment: string;
  task: string;
  payload: Schema<'deployment'>['payload'];
  description: string | null;
  production: boolean;
  transient: boolean;
  creator: Account;
  /** Created by GitHub Actions for a job's `environment:` (performed via the GitHub Actions app). */
  byActions: boolean;
  /** Oldest first. */
  statuses: StoredStatus[];
}

export interface DeploymentAnswers {
  /** Commit status contexts still pending: a create without `required_contexts: []` is refused (409). */
  pendingContexts?: string[];
}

const STATES: readonly State[] = ['error', 'failure', 'inactive', 'pending', 'success', 'queued', 'in_progress'];
const ACTOR: Account = { login: 'octocat', id: 1, type: 'User' };
const SHA = /^[0-9a-f]{40}$/;

/** The GitHub Actions app, as `performed_via_github_app` names it on a job's deployment. */
function actionsApp(): NonNullable<Schema<'nullable-integration'>> {
  return {
    id: 15368,
    slug: 'github-actions',
    node_id: 'MDM6QXBwMTUzNjg=',
    owner: simpleUser({ login: 'github', id: 9919, type: 'User' }),
    name: 'GitHub Actions',
    description: 'Automate your workflow from idea to production',
    external_url: 'https://help.github.com/en/actions',
    html_url: 'https://github.com/apps/github-actions',
    created_at: '2018-07-30T09:30:17Z',
    updated_at: TIME,
    permissions: { deployments: 'write', metadata: 'read' },
    events: [],
  };
}

export class DeploymentStore {
  readonly deployments: StoredDeployment[] = [];
  private nextId = 9000;
  private nextStatusId = 1;

  /** `author` creates what the token creates; `answers` says which commit checks are pending. */
  constructor(
    private readonly author: Account,
    private readonly answers: DeploymentAnswers = {},
  ) {}

  /** The deployment GitHub Actions creates for a job with `environment:`, while the job runs (queued, then in_progress). */
  seedJobDeployment(sha: string, environment: string, jobUrl: string, ref = 'main'): StoredDeployment {
    const d = this.add({ sha, ref, environment, task: 'deploy', payload: {}, description: null, creator: ACTOR, byActions: true });
    for (const state of ['queued', 'in_progress'] as const)
      this.addStatus(d, { state, logUrl: jobUrl, environmentUrl: '', description: '', autoInactive: true }, ACTOR);
    return d;
  }

  /** The status GitHub writes when the job ends: its result, and the job's `environment.url` (empty when none). */
  finishJob(d: StoredDeployment, state: 'success' | 'failure', environmentUrl = ''): void {
    const jobUrl = d.statuses.at(-1)?.logUrl ?? '';
    this.addStatus(d, { state, logUrl: jobUrl, environmentUrl, description: '', autoInactive: true }, ACTOR);
  }

  /** The newest status of each deployment, by id. */
  latest(d: StoredDeployment): State | undefined {
    return d.statuses.at(-1)?.state;
  }

  /** Handles the request when it is one of the deployments endpoints; false for any other path. */
  handle(r: RouteRequest): boolean {
    const m = /^\/deployments\/(\d+)\/statuses$/.exec(r.path);
    if (r.path === '/deployments' && r.method === 'GET') this.list(r);
    else if (r.path === '/deployments' && r.method === 'POST') this.create(r);
    else if (m && (r.method === 'GET' || r.method === 'POST')) {
      const d = this.deployments.find((x) => x.id === Number(m[1]));
      if (!d) r.fail(404, 'Not Found');
      else if (r.method === 'GET') this.listStatuses(r, d);
      else this.createStatus(r, d);
    } else return false;
    return true;
  }

  private add(d: Omit<StoredDeployment, 'id' | 'statuses' | 'production' | 'transient'> & Partial<StoredDeployment>): StoredDeployment {
    const stored: StoredDeployment = {
      production: d.environment === 'production',
      transient: false,
      ...d,
      id: this.nextId++,
      statuses: [],
    };
    this.deployments.push(stored);
    return stored;
  }

  private addStatus(
    d: StoredDeployment,
    s: { state: State; logUrl: string; environmentUrl: string; description: string; autoInactive: boolean },
    creator: Account,
  ): StoredStatus {
    const status: StoredStatus = {
      id: this.nextStatusId++,
      state: s.state,
      logUrl: s.logUrl,
      environmentUrl: s.environmentUrl,
      description: s.description,
      creator,
      createdAt: new Date().toISOString(),
    };
    d.statuses.push(status);
    if (s.state === 'success' && s.autoInactive) {
      for (const other of this.deployments) {
        if (other.id < d.id && other.environment === d.environment && !other.transient && !other.production && this.latest(other) === 'success') {
          other.statuses.push({
            id: this.nextStatusId++,
            state: 'inactive',
            logUrl: '',
            environmentUrl: '',
            description: '',
            creator,
            createdAt: new Date().toISOString(),
          });
        }
      }
    }
    return status;
  }

  private view(r: RouteRequest, d: StoredDeployment): Schema<'deployment'> {
    const url = `${API}/repos/${r.owner}/${r.repo}/deployments/${d.id}`;
    return {
      url,
      id: d.id,
      node_id: `DE_${d.id}`,
      sha: d.sha,
      ref: d.ref,
      task: d.task,
      payload: d.payload,
      original_environment: d.environment,
      environment: d.environment,
      description: d.description,
      creator: simpleUser(d.creator),
      created_at: TIME,
      updated_at: TIME,
      statuses_url: `${url}/statuses`,
      repository_url: `${API}/repos/${r.owner}/${r.repo}`,
      transient_environment: d.transient,
      production_environment: d.production,
      performed_via_github_app: d.byActions ? actionsApp() : null,
    };
  }

  private statusView(r: RouteRequest, d: StoredDeployment, s: StoredStatus): Schema<'deployment-status'> {
    const deploymentUrl = `${API}/repos/${r.owner}/${r.repo}/deployments/${d.id}`;
    return {
      url: `${deploymentUrl}/statuses/${s.id}`,
      id: s.id,
      node_id: `DES_${s.id}`,
      state: s.state,
      creator: simpleUser(s.creator),
      description: s.description,
      environment: d.environment,
      target_url: s.logUrl,
      created_at: s.createdAt,
      updated_at: s.createdAt,
      deployment_url: deploymentUrl,
      repository_url: `${API}/repos/${r.owner}/${r.repo}`,
      environment_url: s.environmentUrl,
      log_url: s.logUrl,
      performed_via_github_app: d.byActions && s.creator === ACTOR ? actionsApp() : null,
    };
  }

  private list(r: RouteRequest): void {
    const q = (k: string) => r.query.get(k);
    const found = this.deployments
      .filter((d) => (q('sha') === null || d.sha === q('sha')) && (q('ref') === null || d.ref === q('ref')))
      .filter((d) => (q('task') === null || d.task === q('task')) && (q('environment') === null || d.environment === q('environment')))
      .reverse();
    const page = onePage(r, found);
    r.reply(
      '/repos/{owner}/{repo}/deployments',
      'get',
      200,
      page.items.map((d) => this.view(r, d)),
      page.headers,
    );
  }

  private create(r: RouteRequest): void {
    const body = isRecord(r.body) ? r.body : {};
    const error = (field: string, code = 'invalid') =>
      r.reply('/repos/{owner}/{repo}/deployments', 'post', 422, validationFailed({ resource: 'Deployment', code, field }));
    if (typeof body.ref !== 'string' || body.ref === '') return error('ref', 'missing_field');
    if (!SHA.test(body.ref)) return error('ref');
    if ('environment' in body && typeof body.environment !== 'string') return error('environment');
    const contexts = body.required_contexts;
    if (contexts !== undefined && (!Array.isArray(contexts) || contexts.some((c) => typeof c !== 'string'))) return error('required_contexts');
    const pending = (this.answers.pendingContexts ?? []).filter((c) => contexts === undefined || (contexts as unknown[]).includes(c));
    if (pending.length > 0) return r.fail(409, `Conflict: Commit status checks failed for ${body.ref}.`);
    const payload = body.payload === undefined ? {} : body.payload;
    if (!isRecord(payload) && typeof payload !== 'string') return error('payload');
    const environment = typeof body.environment === 'string' ? body.environment : 'production';
    const d = this.add({
      sha: body.ref,
      ref: body.ref,
      environment,
      task: typeof body.task === 'string' ? body.task : 'deploy',
      payload,
      description: typeof body.description === 'string' ? body.description : '',
      creator: this.author,
      byActions: false,
      production: typeof body.production_environment === 'boolean' ? body.production_environment : environment === 'production',
      transient: body.transient_environment === true,
    });
    r.reply('/repos/{owner}/{repo}/deployments', 'post', 201, this.view(r, d));
  }

  private listStatuses(r: RouteRequest, d: StoredDeployment): void {
    const page = onePage(r, [...d.statuses].reverse());
    const body = page.items.map((s) => this.statusView(r, d, s));
    r.reply('/repos/{owner}/{repo}/deployments/{deployment_id}/statuses', 'get', 200, body, page.headers);
  }

  private createStatus(r: RouteRequest, d: StoredDeployment): void {
    const body = isRecord(r.body) ? r.body : {};
    const error = (field: string, code = 'invalid', message?: string) =>
      r.reply(
        '/repos/{owner}/{repo}/deployments/{deployment_id}/statuses',
        'post',
        422,
        validationFailed({ resource: 'DeploymentStatus', code, field, ...(message ? { message } : {}) }),
      );
    const state = STATES.find((s) => s === body.state);
    if (!state) return error('state', body.state === undefined ? 'missing_field' : 'invalid');
    const text = (k: string) => (typeof body[k] === 'string' ? body[k] : '');
    for (const k of ['log_url', 'target_url', 'environment_url', 'description']) if (k in body && typeof body[k] !== 'string') return error(k);
    if ([...text('description')].length > 140) return error('description', 'custom', 'description is too long (maximum is 140 characters)');
    const logUrl = text('log_url') || text('target_url');
    const status = this.addStatus(
      d,
      { state, logUrl, environmentUrl: text('environment_url'), description: text('description'), autoInactive: body.auto_inactive !== false },
      this.author,
    );
    r.reply('/repos/{owner}/{repo}/deployments/{deployment_id}/statuses', 'post', 201, this.statusView(r, d, status));
  }
}
