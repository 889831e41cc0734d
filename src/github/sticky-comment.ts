// One comment per pull request and target, found by a hidden marker and written by a bot only,
// updated in place on every run.
import type { GitHubApi, IssueComment } from './github-port.js';

/** GitHub's limit on a comment body, which this guard enforces on UTF-8 bytes (the strictest reading). */
export const COMMENT_LIMIT_BYTES = 65_536;

export function stickyMarker(kind: 'plan' | 'apply' | 'drift', target: string): string {
  const safe = target.replace(/-{2,}/g, '-').replace(/[<>]/g, '');
  return `<!-- kube-gitops:${kind} target=${safe} -->`;
}

export interface StickyResult {
  action: 'created' | 'updated' | 'unchanged';
  commentId: number;
  url: string;
}

/** The latest comment a bot wrote with this marker (nobody else can hijack it); undefined when there is none. */
export async function findStickyComment(api: GitHubApi, issueNumber: number, marker: string): Promise<IssueComment | undefined> {
  return (await api.listIssueComments(issueNumber)).filter((c) => c.authorType === 'Bot' && c.body.includes(marker)).at(-1);
}

export async function upsertStickyComment(api: GitHubApi, opts: { issueNumber: number; marker: string; body: string }): Promise<StickyResult> {
  const size = Buffer.byteLength(opts.body, 'utf8');
  if (size > COMMENT_LIMIT_BYTES) {
    throw new Error(`refusing to post a ${size}-byte comment: GitHub accepts at most ${COMMENT_LIMIT_BYTES} (the renderer should have fitted it)`);
  }
  const body = opts.body.includes(opts.marker) ? opts.body : `${opts.marker}\n${opts.body}`;
  const existing = await findStickyComment(api, opts.issueNumber, opts.marker);
  if (!existing) {
    const created = await api.createIssueComment(opts.issueNumber, body);
    return { action: 'created', commentId: created.id, url: created.url };
  }
  if (existing.body === body) return { action: 'unchanged', commentId: existing.id, url: existing.url };
  const updated = await api.updateIssueComment(existing.id, body);
  return { action: 'updated', commentId: updated.id, url: updated.url };
}
