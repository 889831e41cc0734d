// GitHub's issue, comment, issue event and collaborator permission objects (REST), reduced to the
// port's plain types. Of an issue's events only `labeled` and `unlabeled` are kept, and only when they
// name a label; an actor GitHub did not send (a deleted account) is an empty login, never a guess.
import type { Issue, IssueComment, LabelEvent, RepositoryPermission } from './github-port.js';

interface RawUser {
  login?: string;
  id?: number;
  type?: string;
}

export interface RawComment {
  id: number;
  body?: string | null;
  html_url: string;
  user?: RawUser | null;
}

export interface RawIssue {
  number: number;
  title: string;
  body?: string | null;
  state: string;
  html_url: string;
  user?: RawUser | null;
  pull_request?: unknown;
}

/** Any event of an issue's event list; only the fields a label event has are read. */
export interface RawIssueEvent {
  event: string;
  created_at: string;
  actor?: RawUser | null;
  label?: { name?: string | null } | null;
}

export interface RawPermission {
  permission: string;
  role_name: string;
}

const author = (user: RawUser | null | undefined) => ({ authorType: user?.type ?? '', authorLogin: user?.login ?? '', authorId: user?.id ?? 0 });

export function toIssue(i: RawIssue): Issue {
  return {
    number: i.number,
    title: i.title,
    body: i.body ?? '',
    state: i.state === 'closed' ? 'closed' : 'open',
    url: i.html_url,
    ...author(i.user),
  };
}

export function toComment(c: RawComment): IssueComment {
  return { id: c.id, body: c.body ?? '', url: c.html_url, ...author(c.user) };
}

/** The label events among an issue's events, in the order given. */
export function toLabelEvents(events: readonly RawIssueEvent[]): LabelEvent[] {
  return events.flatMap((e): LabelEvent[] => {
    const label = e.label?.name;
    if ((e.event !== 'labeled' && e.event !== 'unlabeled') || typeof label !== 'string') return [];
    return [{ event: e.event, label, actorLogin: e.actor?.login ?? '', actorType: e.actor?.type ?? '', createdAt: e.created_at }];
  });
}

export function toPermission(p: RawPermission): RepositoryPermission {
  return { permission: p.permission, roleName: p.role_name };
}
