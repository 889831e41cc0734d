// The fleet comment's first lines: what merging does across the fleet and whether it can, in the
// single plan's words (src/render/plan-verdict.ts). Targets that would apply nothing (problems,
// field conflicts) come first, then what the planned targets apply and delete, naming deleted
// objects whose data goes with them, then the targets whose plan is not of this commit or not there.
// Pure; names from plan files are data (inline code), never markup.
import { isDangerousToPrune } from '../objects/kind-order.js';
import { formatRef } from '../objects/object-ref.js';
import { inlineCode } from '../text/markdown-escape.js';
import type { ChangeGroup } from './change-groups.js';
import type { Fleet, FleetMember } from './fleet-members.js';

/** Named targets or objects in a sentence, before "and N more". */
const NAMED = 3;

export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Characters of a name shown in a sentence or a summary line; a longer one is cut (the table and the job summary have it whole). */
const NAME_CHARS = 80;

/** A name from a plan file or the targets file, cut to NAME_CHARS: sentences stay short whatever the names. */
export function clamp(name: string): string {
  return name.length > NAME_CHARS ? `${name.slice(0, NAME_CHARS)}…` : name;
}

export function named(names: readonly string[], format: (s: string) => string = inlineCode): string {
  const shown = names.slice(0, NAMED).map((n) => format(clamp(n)));
  return names.length > NAMED ? `${shown.join(', ')} and ${names.length - NAMED} more` : shown.join(', ');
}

/** The targets the fleet is about: the declared ones (not the stray or unreadable files). */
export function declaredMembers(fleet: Fleet): FleetMember[] {
  return fleet.members.filter((m) => m.kind !== 'unreadable' && m.kind !== 'undeclared' && m.kind !== 'duplicate');
}

function nothingSentence(fleet: Fleet, of: number): string | undefined {
  const failed = fleet.members.flatMap((m) => (m.kind === 'failed' && m.file.run.failure === undefined ? [m.target] : []));
  const unplanned = fleet.members.flatMap((m) => (m.kind === 'failed' && m.file.run.failure !== undefined ? [m.target] : []));
  const conflicted = fleet.members.flatMap((m) => (m.kind === 'planned' && m.file.plan.entries.some((e) => e.conflicts.length > 0) ? [m.target] : []));
  const blocked = [...unplanned, ...failed, ...conflicted];
  if (blocked.length === 0) return undefined;
  const why = [
    ...(unplanned.length ? [`${named(unplanned)} until ${unplanned.length === 1 ? 'it can be' : 'they can be'} planned`] : []),
    ...(failed.length ? [`${named(failed)} until ${failed.length === 1 ? 'its problems are' : 'their problems are'} fixed`] : []),
    ...(conflicted.length ? [`${named(conflicted)} until ${conflicted.length === 1 ? 'its field conflicts are' : 'their field conflicts are'} resolved`] : []),
  ];
  return `⛔ **Merging applies nothing to ${blocked.length} of ${count(of, 'target')}**: ${why.join('; ')} (below).`;
}

function changesSentence(fleet: Fleet, groups: readonly ChangeGroup[]): string {
  const planned = fleet.members.filter((m) => m.kind === 'planned' && !m.file.plan.entries.some((e) => e.conflicts.length > 0));
  const sum = (pick: (c: Extract<FleetMember, { kind: 'planned' }>['counts']) => number): number =>
    planned.reduce((n, m) => n + (m.kind === 'planned' ? pick(m.counts) : 0), 0);
  const changes = sum((c) => c.create + c.update + c.replace);
  const deletes = sum((c) => c.delete);
  const changing = planned.filter((m) => m.kind === 'planned' && m.counts.create + m.counts.update + m.counts.replace + m.counts.delete > 0).length;
  if (planned.length === 0) return '';
  const git = planned.some((m) => m.kind === 'planned' && m.file.plan.basis === 'git') ? ' (some compared in Git)' : '';
  if (changes + deletes === 0) return `✅ **Merging changes nothing in the ${count(planned.length, 'planned target')}**${git}.`;
  const parts = [...(changes > 0 ? [`applies ${count(changes, 'change')}`] : []), ...(deletes > 0 ? [`deletes ${count(deletes, 'object')}`] : [])];
  const dangerous = groups.filter((g) => g.action === 'delete' && isDangerousToPrune(g.ref)).map((g) => formatRef(g.ref));
  const drifted = groups.filter((g) => g.drift).reduce((n, g) => n + g.targets.length, 0);
  return [
    `${deletes > 0 ? '🗑️' : '🚀'} **Merging ${parts.join(' and ')} in ${count(changing, 'target')}**`,
    dangerous.length > 0 ? `, including ${named(dangerous)} (with what ${dangerous.length === 1 ? 'it holds' : 'they hold'})` : '',
    drifted > 0 ? `; ${drifted} of them undo${drifted === 1 ? 'es' : ''} drift in the cluster` : '',
    git,
    '.',
  ].join('');
}

function unknownSentence(fleet: Fleet): string | undefined {
  const unknown = fleet.members.flatMap((m) => (m.kind === 'stale' || m.kind === 'missing' ? [m.target] : []));
  const unreadable = fleet.members.filter((m) => m.kind === 'unreadable').length;
  if (unknown.length === 0 && unreadable === 0) return undefined;
  const targets = unknown.length ? `${named(unknown)} ${unknown.length === 1 ? 'has' : 'have'} no plan of this commit (stale or missing plan file)` : '';
  const files = unreadable ? `${count(unreadable, 'plan file')} ${unreadable === 1 ? 'does' : 'do'} not read` : '';
  return `⚠️ **What merging does is not shown for every target**: ${[targets, files].filter(Boolean).join('; ')} (below).`;
}

/** The verdict as lines (one sentence each). */
export function fleetVerdict(fleet: Fleet, groups: readonly ChangeGroup[]): string[] {
  const of = declaredMembers(fleet).length;
  const sentences = [nothingSentence(fleet, of), changesSentence(fleet, groups), unknownSentence(fleet)].filter((s): s is string => Boolean(s));
  return sentences.length > 0 ? sentences : [`✅ **Merging changes nothing in any target**: none of the ${count(of, 'target')} was planned (below).`];
}
