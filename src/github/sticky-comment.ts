// One comment per pull request and target, updated in place on every run. Ours is the one the token
// in use wrote (own-identity.ts) whose first line is exactly the target's marker: a person, another
// app, or manifest text quoted further down a body never makes a comment ours. The marker names the
// target injectively (marker-name below), so two targets never share one.
import { firstLine } from '../text/first-line.js';
import type { GitHubApi, IssueComment } from './github-port.js';
import { isWrittenBy, ownIdentity, type OwnIdentity } from './own-identity.js';

/** GitHub's limit on a comment body, which this guard enforces on UTF-8 bytes (the strictest reading). */
export const COMMENT_LIMIT_BYTES = 65_536;

const percent = (text: string): string => encodeURIComponent(text).replace(/[-!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * The target's name as a marker holds it: letters, digits, `.`, `_` and single hyphens as they are;
 * every other character, and each hyphen of a run of two or more (an HTML comment cannot hold `--`),
 * percent-encoded (UTF-8). Decodable, so `a--b` (`a%2D%2Db`) and `a-b` never share a marker.
 */
export function markerName(target: string): string {
  return target.replace(/-{2,}|[^A-Za-z0-9._-]+/gu, percent);
}

export function stickyMarker(kind: 'plan' | 'apply' | 'drift' | 'went-out', target: string): string {
  return `<!-- kube-gitops:${kind} target=${markerName(target)} -->`;
}

/**
 * The first line of a fleet's one comment on a pull request (`mode: fleet`), which carries every
 * target's review record on the lines right under it (src/review/fleet-review-marker.ts). A
 * repository with several fleets names each (`name`), so each keeps a comment of its own.
 */
export function fleetMarker(name = ''): string {
  return name ? `<!-- kube-gitops:fleet name=${markerName(name)} -->` : '<!-- kube-gitops:fleet -->';
}

/** The first line of a fleet's one rollout comment on a merged pull request (`mode: fleet` on a push). */
export function rolloutMarker(name = ''): string {
  return name ? `<!-- kube-gitops:rollout name=${markerName(name)} -->` : '<!-- kube-gitops:rollout -->';
}

const FLEET_MARKER = /^<!-- kube-gitops:fleet(?: name=[A-Za-z0-9._%-]+)? -->$/;

/** Whether `line` is a fleet comment's marker, of any fleet. */
export function isFleetMarker(line: string): boolean {
  return FLEET_MARKER.test(line);
}

/** `body` with `marker` as its first line. */
export function withMarker(marker: string, body: string): string {
  return firstLine(body) === marker ? body : `${marker}\n${body}`;
}

export interface StickyResult {
  action: 'created' | 'updated' | 'unchanged';
  commentId: number;
  url: string;
  /** Why no comment could be recognised as ours (the token's identity is unknown), so a new one was created. */
  untrusted?: string;
}

/** The latest comment the token's identity wrote with `marker` as its first line; undefined when there is none. */
export async function findStickyComment(api: GitHubApi, issueNumber: number, marker: string, own: OwnIdentity): Promise<IssueComment | undefined> {
  if (!own.known) return undefined;
  return (await api.listIssueComments(issueNumber)).filter((c) => isWrittenBy(c, own) && firstLine(c.body) === marker).at(-1);
}

/** Every comment the token's identity wrote whose first line `isMarker` accepts, oldest first. */
export async function findOwnComments(api: GitHubApi, issueNumber: number, isMarker: (line: string) => boolean, own: OwnIdentity): Promise<IssueComment[]> {
  if (!own.known) return [];
  return (await api.listIssueComments(issueNumber)).filter((c) => isWrittenBy(c, own) && isMarker(firstLine(c.body)));
}

export async function upsertStickyComment(api: GitHubApi, opts: { issueNumber: number; marker: string; body: string }): Promise<StickyResult> {
  const size = Buffer.byteLength(opts.body, 'utf8');
  if (size > COMMENT_LIMIT_BYTES) {
    throw new Error(`refusing to post a ${size}-byte comment: GitHub accepts at most ${COMMENT_LIMIT_BYTES} (the renderer should have fitted it)`);
  }
  const body = withMarker(opts.marker, opts.body);
  const own = await ownIdentity(api);
  const existing = await findStickyComment(api, opts.issueNumber, opts.marker, own);
  if (!existing) {
    const created = await api.createIssueComment(opts.issueNumber, body);
    return { action: 'created', commentId: created.id, url: created.url, ...(own.known ? {} : { untrusted: own.reason }) };
  }
  if (existing.body === body) return { action: 'unchanged', commentId: existing.id, url: existing.url };
  const updated = await api.updateIssueComment(existing.id, body);
  return { action: 'updated', commentId: updated.id, url: updated.url };
}
