// One GitHub issue per target for a scheduled drift check, found by a hidden marker and written by
// a bot only: opened (or reopened) while the cluster differs from Git, updated in place on later
// runs (never a second issue), closed with a comment once it is clean.
import type { GitHubApi, Issue } from './github-port.js';
import { COMMENT_LIMIT_BYTES, stickyMarker } from './sticky-comment.js';

/** The label drift issues carry, so they are listed without reading every issue of the repository. */
export const DRIFT_LABEL = 'kube-gitops-drift';

export interface DriftIssueState {
  target: string;
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
}

export async function findDriftIssue(api: GitHubApi, target: string): Promise<Issue | undefined> {
  const marker = stickyMarker('drift', target);
  return (await api.listIssues([DRIFT_LABEL])).filter((i) => i.authorType === 'Bot' && i.body.includes(marker)).sort((a, b) => b.number - a.number)[0];
}

export async function syncDriftIssue(api: GitHubApi, state: DriftIssueState): Promise<DriftIssueResult> {
  const marker = stickyMarker('drift', state.target);
  const body = state.body.includes(marker) ? state.body : `${marker}\n${state.body}`;
  const size = Buffer.byteLength(body, 'utf8');
  if (size > COMMENT_LIMIT_BYTES) throw new Error(`refusing to post a ${size}-byte issue: GitHub accepts at most ${COMMENT_LIMIT_BYTES}`);
  const existing = await findDriftIssue(api, state.target);
  if (!state.differs) {
    if (!existing || existing.state === 'closed') return { action: 'none', ...(existing ? { issue: existing } : {}) };
    await api.createIssueComment(existing.number, state.closingComment);
    return { action: 'closed', issue: await api.updateIssue(existing.number, { state: 'closed' }) };
  }
  if (!existing) return { action: 'opened', issue: await api.createIssue(state.title, body, [DRIFT_LABEL]) };
  if (existing.state === 'open' && existing.body === body && existing.title === state.title) return { action: 'unchanged', issue: existing };
  const issue = await api.updateIssue(existing.number, { title: state.title, body, state: 'open' });
  return { action: existing.state === 'closed' ? 'reopened' : 'updated', issue };
}
