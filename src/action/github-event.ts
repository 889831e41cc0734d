// What the runner tells a step about the event, read from the environment once.
import { readFileSync } from 'node:fs';
import { ConfigurationError, errorCode } from '../model/errors.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../objects/kube-object.js';
import type { FleetMode, Mode, Settings } from '../settings/settings.js';

export interface GitHubEvent {
  name: string;
  payload: JsonObject;
  /** The commit this run is about: the PR head for pull requests, GITHUB_SHA otherwise. */
  sha: string;
  ref: string;
  owner: string;
  repo: string;
  apiUrl: string;
  serverUrl: string;
  runUrl?: string;
  /** GITHUB_RUN_ID: the workflow run, whose environment approvals name who let a job deploy. */
  runId?: number;
  pullRequest?: { number: number; baseSha: string; headSha: string; headRepoFork: boolean };
  defaultBranch?: string;
}

function str(v: JsonValue | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function obj(v: JsonValue | undefined): JsonObject {
  return isJsonObject(v ?? null) ? (v as JsonObject) : {};
}

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);

/** The event file the runner wrote, as a JSON object; anything else is a clear error, never a stack trace. */
function readPayload(file: string): JsonObject {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigurationError(
      `The event file GITHUB_EVENT_PATH (${file}) cannot be read (${errorCode(error) ?? 'unknown error'}); the runner writes the event payload there.`,
    );
  }
  let parsed: JsonValue;
  try {
    parsed = JSON.parse(text) as JsonValue;
  } catch (error) {
    const reason = error instanceof SyntaxError ? (error.message.split('\n')[0] ?? '').slice(0, 200) : 'unreadable';
    throw new ConfigurationError(
      `The event file GITHUB_EVENT_PATH (${file}) is not valid JSON (${reason}); the runner writes the event payload there as a JSON object.`,
    );
  }
  if (!isJsonObject(parsed)) {
    throw new ConfigurationError(
      `The event file GITHUB_EVENT_PATH (${file}) holds ${Array.isArray(parsed) ? 'a JSON array' : `a JSON ${parsed === null ? 'null' : typeof parsed}`}, not an event payload (a JSON object).`,
    );
  }
  return parsed;
}

function isPositiveInteger(v: JsonValue | undefined): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
}

/** GITHUB_RUN_ID as a number, when it is one (the runner always sets a positive integer). */
function runIdOf(value: string | undefined): { runId?: number } {
  const id = /^[1-9]\d{0,15}$/.test(value ?? '') ? Number(value) : NaN;
  return Number.isSafeInteger(id) ? { runId: id } : {};
}

type PullRequest = NonNullable<GitHubEvent['pullRequest']>;

/** The pull request of the payload, or what it lacks. */
function findPullRequest(payload: JsonObject): PullRequest | { lacks: string } {
  if (!isJsonObject(payload.pull_request ?? null)) return { lacks: 'pull_request object' };
  const pr = obj(payload.pull_request);
  const number = isPositiveInteger(payload.number) ? payload.number : isPositiveInteger(pr.number) ? pr.number : undefined;
  if (number === undefined) return { lacks: 'pull request number (number or pull_request.number, a positive integer)' };
  const head = obj(pr.head);
  const base = obj(pr.base);
  const headSha = str(head.sha);
  if (!headSha) return { lacks: 'pull_request.head.sha' };
  return {
    number,
    baseSha: str(base.sha) ?? '',
    headSha,
    headRepoFork: obj(head.repo).fork === true || str(obj(head.repo).full_name) !== str(obj(base.repo).full_name),
  };
}

export function readGitHubEvent(env: NodeJS.ProcessEnv): GitHubEvent {
  const file = env.GITHUB_EVENT_PATH;
  const payload: JsonObject = file ? readPayload(file) : {};
  const name = env.GITHUB_EVENT_NAME ?? '';
  const repository = obj(payload.repository);
  const [owner = str(obj(repository.owner).login) ?? '', repo = str(repository.name) ?? ''] = (env.GITHUB_REPOSITORY ?? '').split('/');
  const found = findPullRequest(payload);
  // A pull request event must say which pull request and which commit: without them there is nothing to plan or comment on.
  if ('lacks' in found && PULL_REQUEST_EVENTS.has(name)) {
    throw new ConfigurationError(
      `The ${name} event payload ${file ? `in GITHUB_EVENT_PATH (${file})` : '(GITHUB_EVENT_PATH is not set)'} has no ${found.lacks}; ` +
        `a ${name} event from GitHub always has it. Check GITHUB_EVENT_NAME and the event file.`,
    );
  }
  const pullRequest = 'lacks' in found ? undefined : found;
  const serverUrl = env.GITHUB_SERVER_URL ?? 'https://github.com';
  const defaultBranch = str(repository.default_branch) ?? str(repository.master_branch);
  return {
    name,
    payload,
    sha: pullRequest?.headSha ?? env.GITHUB_SHA ?? str(payload.after) ?? '',
    ref: env.GITHUB_REF ?? str(payload.ref) ?? '',
    owner,
    repo,
    apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
    serverUrl,
    ...(env.GITHUB_RUN_ID ? { runUrl: `${serverUrl}/${owner}/${repo}/actions/runs/${env.GITHUB_RUN_ID}` } : {}),
    ...runIdOf(env.GITHUB_RUN_ID),
    ...(pullRequest ? { pullRequest } : {}),
    ...(defaultBranch ? { defaultBranch } : {}),
  };
}

/** `auto`: plan for pull requests, apply for a push to the default branch; anything else must be explicit. */
export function resolveMode(mode: Settings['mode'], event: GitHubEvent): Mode | FleetMode {
  if (mode !== 'auto') return mode;
  if (PULL_REQUEST_EVENTS.has(event.name)) return 'plan';
  if (event.name === 'push' && event.defaultBranch && event.ref === `refs/heads/${event.defaultBranch}`) return 'apply';
  const what =
    event.name === 'push'
      ? `a push to ${event.ref || 'a ref'} (not the default branch${event.defaultBranch ? ` ${event.defaultBranch}` : ''})`
      : `'${event.name || 'unknown'}' events`;
  throw new ConfigurationError(
    `mode: auto plans on pull requests and applies on pushes to the default branch; for ${what} set the input 'mode' to plan, apply or drift (a scheduled drift check).`,
    'mode',
  );
}
