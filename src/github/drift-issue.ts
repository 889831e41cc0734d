// One GitHub issue per target for a scheduled drift check: opened (or reopened) while the cluster
// differs from Git, updated in place on later runs (never a second issue), closed with a comment once
// it is clean. Ours is the issue the token in use opened whose first line is the target's marker;
// another app's issue with our label and marker is never edited. When the token's identity cannot
// be read, no issue is ours: a new one is opened while the cluster differs, none is closed.
import type { GitHubApi, Issue } from './github-port.js';
import { isWrittenBy, ownIdentity, type OwnIdentity } from './own-identity.js';
import { firstLine } from '../text/first-line.js';
import { COMMENT_LIMIT_BYTES, markerName, stickyMarker, withMarker } from './sticky-comment.js';

/** The label drift issues carry, so they are listed without reading every issue of the repository. */
export const DRIFT_LABEL = 'kube-gitops-drift';

export interface DriftIssueState {
  target: string;
  /** The issue's first line; default: the target's drift marker. The fleet's summary issue has its own. */
  marker?: string;
  /** The cluster differs from Git (drift, or commits not applied yet). */
  differs: boolean;
  title: string;
  /** The issue's body (the marker is added when missing); within GitHub's limit. */
  body: string;
  /** Said on the issue when it is closed. */
  closingComment: string;
}

export interface DriftIssueResult {
  action: 'opened' | 'reopened' | 'updated' | 'unchanged' | 'closed' | 'none';
  issue?: Issue;
  /** Why no issue could be recognised as ours (the token's identity is unknown). */
  untrusted?: string;
}

/**
 * The marker of a fleet's drift summary issue (src/fleet/fleet-drift-summary.ts): no target's marker
 * can equal it; a repository with several fleets names each (as fleetMarker does), so each keeps its own.
 */
export function fleetDriftMarker(name = ''): string {
  return name ? `<!-- kube-gitops:drift-fleet name=${markerName(name)} -->` : '<!-- kube-gitops:drift-fleet -->';
}

/** The newest issue among `issues` the token's identity opened with `marker` as its first line. */
export function ownIssueWithMarker(issues: readonly Issue[], marker: string, own: OwnIdentity): Issue | undefined {
  if (!own.known) return undefined;
  return issues.filter((i) => isWrittenBy(i, own) && firstLine(i.body) === marker).sort((a, b) => b.number - a.number)[0];
}

/** The newest issue the token's identity opened with `marker` as its first line. */
async function findDriftIssue(api: GitHubApi, marker: string, own: OwnIdentity): Promise<Issue | undefined> {
  return own.known ? ownIssueWithMarker(await api.listIssues([DRIFT_LABEL]), marker, own) : undefined;
}

export async function syncDriftIssue(api: GitHubApi, state: DriftIssueState): Promise<DriftIssueResult> {
  const marker = state.marker ?? stickyMarker('drift', state.target);
  const body = withMarker(marker, state.body);
  const size = Buffer.byteLength(body, 'utf8');
  if (size > COMMENT_LIMIT_BYTES) throw new Error(`refusing to post a ${size}-byte issue: GitHub accepts at most ${COMMENT_LIMIT_BYTES}`);
  const own = await ownIdentity(api);
  const untrusted = own.known ? {} : { untrusted: own.reason };
  const existing = await findDriftIssue(api, marker, own);
  if (!state.differs) {
    if (!existing || existing.state === 'closed') return { action: 'none', ...(existing ? { issue: existing } : {}), ...untrusted };
    await api.createIssueComment(existing.number, state.closingComment);
    return { action: 'closed', issue: await api.updateIssue(existing.number, { state: 'closed' }) };
  }
  if (!existing) return { action: 'opened', issue: await api.createIssue(state.title, body, [DRIFT_LABEL]), ...untrusted };
  if (existing.state === 'open' && existing.body === body && existing.title === state.title) return { action: 'unchanged', issue: existing };
  const issue = await api.updateIssue(existing.number, { title: state.title, body, state: 'open' });
  return { action: existing.state === 'closed' ? 'reopened' : 'updated', issue };
}
