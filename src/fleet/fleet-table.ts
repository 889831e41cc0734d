// The fleet comment's target × counts table: one row per member, those that need a look first
// (failed, not planned, stale, missing, unreadable or stray plan files), then targets with
// destructive changes, then the rest, the fleet's order kept within each. Each row links the
// target's job summary, where its whole plan is, only when the plan file's run URL has the form of
// a workflow run's (and the caller's prefix, when given): the URL is data from another job too.
import type { ActionCounts } from '../model/plan.js';
import { cellCode, escapeMessage, escapeText } from '../text/markdown-escape.js';
import type { FleetMember } from './fleet-members.js';

export const TABLE_HEAD =
  '| target | plan | create | update | replace | delete | unchanged | review record | job |\n| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | --- |';

const RUN_URL = /^https?:\/\/[A-Za-z0-9.-]+(?::[0-9]{1,5})?\/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+\/actions\/runs\/[0-9]+(?:\/attempts\/[0-9]+|\/job\/[0-9]+)?$/;

/** The run URL when it is a workflow run's (under `prefix` when given); undefined otherwise. */
export function safeRunUrl(url: string | undefined, prefix?: string): string | undefined {
  if (!url || !RUN_URL.test(url)) return undefined;
  return prefix === undefined || url.startsWith(prefix) ? url : undefined;
}

const destructive = (c: ActionCounts): boolean => c.delete + c.replace > 0;
const changes = (c: ActionCounts): number => c.create + c.update + c.replace + c.delete;

/** Where a member's row goes: lower first. */
export function rowRank(m: FleetMember): number {
  switch (m.kind) {
    case 'failed':
      return 0;
    case 'not-planned':
      return 1;
    case 'stale':
      return 2;
    case 'missing':
      return 3;
    case 'unreadable':
      return 4;
    case 'undeclared':
      return 5;
    case 'duplicate':
      return 6;
    case 'planned':
      return destructive(m.counts) ? 7 : changes(m.counts) > 0 ? 8 : 9;
  }
}

/** The members in the table's order. */
export function tableOrder(members: readonly FleetMember[]): FleetMember[] {
  return members
    .map((m, i) => ({ m, i }))
    .sort((a, b) => rowRank(a.m) - rowRank(b.m) || a.i - b.i)
    .map(({ m }) => m);
}

const cut = (s: string, n = 200): string => (s.length > n ? `${s.slice(0, n)}…` : s);

function status(m: FleetMember): string {
  switch (m.kind) {
    case 'failed':
      // A step that could not plan at all (its kubeconfig, its cluster) says so; one that planned and found problems failed.
      if (m.file.run.failure !== undefined) return `⛔ not planned: ${escapeMessage(cut(m.file.run.failure), 'cell')}`;
      return `⛔ failed: ${escapeMessage(cut(m.why[0] ?? ''), 'cell')}${m.why.length > 1 ? ` (and ${m.why.length - 1} more)` : ''}`;
    case 'not-planned':
      return `⏭️ not planned: ${escapeText(cut(m.reason))}`;
    case 'stale':
      return `⚠️ stale plan file ${cellCode(m.file.path)}: ${escapeMessage(m.why, 'cell')}`;
    case 'missing':
      return '❓ no plan file';
    case 'unreadable':
      return `⛔ unreadable plan file: ${escapeText(cut(m.file.why))}`;
    case 'undeclared':
      return `⚠️ plan file ${cellCode(m.file.path)} of a target the targets file does not declare`;
    case 'duplicate':
      return `⚠️ a second plan file ${cellCode(m.file.path)}, at ${cellCode(m.file.plan.commit.slice(0, 7))}: not used`;
    case 'planned':
      return destructive(m.counts) ? '🗑️ destructive' : changes(m.counts) > 0 ? '🚀 changes' : '✅ no changes';
  }
}

function counts(m: FleetMember): string {
  // A step that could not plan has no counts to give (not zeros).
  if ((m.kind !== 'planned' && m.kind !== 'failed') || (m.kind === 'failed' && m.file.run.failure !== undefined)) return ' | | | | ';
  const c = m.counts;
  return ` ${c.create} | ${c.update} | ${c.replace} | ${c.delete} | ${c.unchanged} `;
}

/** One row; `review` is what the records say of the target (undefined: no row entry). */
export function tableRow(m: FleetMember, review: string | undefined, runUrlPrefix?: string): string {
  const name = m.kind === 'unreadable' ? cellCode(m.file.path) : cellCode(m.target);
  const url = 'file' in m && m.kind !== 'unreadable' ? safeRunUrl(m.file.run.runUrl, runUrlPrefix) : undefined;
  const unplanned = m.kind === 'failed' && m.file.run.failure !== undefined;
  const record = review === undefined || unplanned ? '' : review === 'recorded' ? '✓' : escapeText(review);
  return `| ${name} | ${status(m)} |${counts(m)}| ${record} | ${url ? `[summary](${url})` : ''} |`;
}
