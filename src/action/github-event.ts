// What the runner tells a step about the event, read from the environment once.
import { readFileSync } from 'node:fs';
import { ConfigurationError } from '../errors.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../objects/kube-object.js';
import type { Mode, Settings } from '../settings/settings.js';

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
  pullRequest?: { number: number; baseSha: string; headSha: string; headRepoFork: boolean };
  defaultBranch?: string;
}

function str(v: JsonValue | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function obj(v: JsonValue | undefined): JsonObject {
  return isJsonObject(v ?? null) ? (v as JsonObject) : {};
}

export function readGitHubEvent(env: NodeJS.ProcessEnv): GitHubEvent {
  let payload: JsonObject = {};
  if (env.GITHUB_EVENT_PATH) {
    try {
      const parsed = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as JsonValue;
      if (isJsonObject(parsed)) payload = parsed;
    } catch (error) {
      throw new ConfigurationError(`GITHUB_EVENT_PATH (${env.GITHUB_EVENT_PATH}) cannot be read as JSON: ${(error as Error).message}`);
    }
  }
  const repository = obj(payload.repository);
  const [owner = str(obj(repository.owner).login) ?? '', repo = str(repository.name) ?? ''] = (env.GITHUB_REPOSITORY ?? '').split('/');
  const pr = obj(payload.pull_request);
  const prNumber = typeof payload.number === 'number' ? payload.number : typeof pr.number === 'number' ? pr.number : undefined;
  const head = obj(pr.head);
  const base = obj(pr.base);
  const pullRequest = prNumber !== undefined && str(head.sha) ? {
    number: prNumber, baseSha: str(base.sha) ?? '', headSha: str(head.sha)!,
    headRepoFork: obj(head.repo).fork === true || str(obj(head.repo).full_name) !== str(obj(base.repo).full_name),
  } : undefined;
  const serverUrl = env.GITHUB_SERVER_URL ?? 'https://github.com';
  const defaultBranch = str(repository.default_branch) ?? str(repository.master_branch);
  return {
    name: env.GITHUB_EVENT_NAME ?? '',
    payload,
    sha: pullRequest?.headSha ?? env.GITHUB_SHA ?? str(payload.after) ?? '',
    ref: env.GITHUB_REF ?? str(payload.ref) ?? '',
    owner, repo,
    apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
    serverUrl,
    ...(env.GITHUB_RUN_ID ? { runUrl: `${serverUrl}/${owner}/${repo}/actions/runs/${env.GITHUB_RUN_ID}` } : {}),
    ...(pullRequest ? { pullRequest } : {}),
    ...(defaultBranch ? { defaultBranch } : {}),
  };
}

/** `auto`: plan for pull requests, apply for a push to the default branch; anything else must be explicit. */
export function resolveMode(mode: Settings['mode'], event: GitHubEvent): Mode {
  if (mode !== 'auto') return mode;
  if (event.name === 'pull_request' || event.name === 'pull_request_target') return 'plan';
  if (event.name === 'push' && event.defaultBranch && event.ref === `refs/heads/${event.defaultBranch}`) return 'apply';
  const what = event.name === 'push' ? `a push to ${event.ref || 'a ref'} (not the default branch${event.defaultBranch ? ` ${event.defaultBranch}` : ''})` : `'${event.name || 'unknown'}' events`;
  throw new ConfigurationError(`mode: auto plans on pull requests and applies on pushes to the default branch; for ${what} set the input 'mode' to plan or apply.`, 'mode');
}
