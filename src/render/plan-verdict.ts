// The plan's first line: what a merge will do and whether it can, before any table. The first rule
// that holds gives the verdict: a merge that would apply nothing (problems, refused signatures,
// field conflicts) says so and why; otherwise what it applies and deletes, naming deleted objects
// whose data goes with them. Pure; names from manifests are data (inline code), never markup.
import { isRefused } from '../signing/commit-verification.js';
import type { SignatureCheck } from '../signing/pull-request-check.js';
import { countActions, type Plan, type PlanEntry } from '../model/plan.js';
import { isDangerousToPrune } from '../objects/kind-order.js';
import { formatRef } from '../objects/object-ref.js';
import { inlineCode } from '../text/markdown-escape.js';

/** Named objects in a verdict, before "and N more". */
const NAMED = 3;

export function planVerdict(plan: Plan, signatures?: SignatureCheck): string {
  const nothing = '⛔ **Merging applies nothing**';
  if (plan.problems.length > 0) return `${nothing} until ${count(plan.problems.length, 'problem')} ${plan.problems.length === 1 ? 'is' : 'are'} fixed (below).`;
  if (signatures && 'report' in signatures && isRefused(signatures.report)) return `${nothing}: verify-commits would refuse its commits (below).`;
  const conflicted = plan.entries.filter((e) => e.conflicts.length > 0);
  if (conflicted.length > 0)
    return `${nothing}: ${conflictText(conflicted)}; set force-conflicts: true to take the fields over, or undo that change in the cluster.`;
  const unverified = signatures && 'error' in signatures ? ' ⚠️ Its signatures could not be verified here (below).' : '';
  return changesText(plan) + unverified;
}

function changesText(plan: Plan): string {
  const c = countActions(plan.entries);
  const changes = c.create + c.update + c.replace;
  const where = plan.basis === 'git' ? 'the manifests' : 'the cluster';
  if (changes + c.delete === 0)
    return `✅ **Merging changes nothing in ${where}.**${c.retain > 0 ? ` ${count(c.retain, 'object')} no longer in the manifests ${c.retain === 1 ? 'stays' : 'stay'} in place.` : ''}`;
  const parts = [...(changes > 0 ? [`applies ${count(changes, 'change')}`] : []), ...(c.delete > 0 ? [`deletes ${count(c.delete, 'object')}`] : [])];
  const dangerous = plan.entries.filter((e) => e.action === 'delete' && isDangerousToPrune(e.ref));
  const drifted = plan.entries.filter((e) => e.drift && e.action !== 'unchanged').length;
  return [
    `${c.delete > 0 ? '🗑️' : '🚀'} **Merging ${parts.join(' and ')}**`,
    dangerous.length > 0 ? `, including ${named(dangerous)} (with what ${dangerous.length === 1 ? 'it holds' : 'they hold'})` : '',
    drifted > 0 ? `; ${drifted} of them undo${drifted === 1 ? 'es' : ''} drift in the cluster` : '',
    plan.basis === 'git' ? ' (compared in Git)' : '',
    '.',
  ].join('');
}

function conflictText(entries: readonly PlanEntry[]): string {
  const conflicts = entries.flatMap((e) => e.conflicts.map((c) => ({ ref: e.ref, ...c })));
  const [first] = conflicts;
  if (!first) return '';
  const more = conflicts.length > 1 ? ` and ${conflicts.length - 1} more` : '';
  return `${count(conflicts.length, 'field conflict')} (${inlineCode(formatRef(first.ref))}: ${inlineCode(first.field)} is owned by ${inlineCode(first.manager)}${more})`;
}

function named(entries: readonly PlanEntry[]): string {
  const shown = entries.slice(0, NAMED).map((e) => inlineCode(formatRef(e.ref)));
  return entries.length > NAMED ? `${shown.join(', ')} and ${entries.length - NAMED} more` : shown.join(', ');
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
