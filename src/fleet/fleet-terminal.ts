// The fleet for a terminal (`plan --all`): the same grouped view as the comment, without a size
// limit: a line per target (those that need a look first), then each distinct change once with the
// targets it is planned in and its diff, then each target's problems. A pure function of the fleet;
// every value from a plan file is kept to its line (PLAIN escapes control characters), and colour
// only when the caller says the stream takes it.
import { styleText } from 'node:util';
import { formatRef } from '../objects/object-ref.js';
import { formatProblem } from '../model/problem.js';
import { countsText } from '../render/counts-line.js';
import { PLAIN } from '../render/text-format.js';
import { settingsLine } from '../render/server-sets.js';
import { changeGroups, NAMESPACE, type ChangeGroup } from './change-groups.js';
import type { Fleet, FleetMember } from './fleet-members.js';
import { fleetFailures, memberName, problemsBesideFailure } from './fleet-members.js';
import { tableOrder } from './fleet-table.js';
import { fleetResourceTerminal } from './fleet-resources.js';
import { count, declaredMembers } from './fleet-verdict.js';

type Format = Extract<Parameters<typeof styleText>[0], string>;

export interface FleetTerminalOptions {
  color: boolean;
}

function status(m: FleetMember): string {
  switch (m.kind) {
    case 'planned':
      return countsText(m.counts, 'planned');
    case 'failed':
      if (m.file.run.failure !== undefined) return `not planned: ${PLAIN.text(m.file.run.failure)}`;
      return `failed: ${PLAIN.text(m.why[0] ?? '')}${m.why.length > 1 ? ` (and ${m.why.length - 1} more)` : ''}`;
    case 'not-planned':
      return `not planned: ${PLAIN.text(m.reason)}`;
    case 'stale':
      return `stale plan file ${PLAIN.code(m.file.path)}: ${PLAIN.text(m.why.replaceAll('`', ''))}`;
    case 'missing':
      return 'no plan file';
    case 'unreadable':
      return `unreadable plan file: ${PLAIN.text(m.file.why)}`;
    case 'undeclared':
      return `plan file ${PLAIN.code(m.file.path)} of a target the targets file does not declare`;
    case 'duplicate':
      return `a second plan file ${PLAIN.code(m.file.path)}: not used`;
  }
}

const STYLE: Record<FleetMember['kind'], Format> = {
  planned: 'green',
  failed: 'red',
  'not-planned': 'gray',
  stale: 'yellow',
  missing: 'yellow',
  unreadable: 'red',
  undeclared: 'yellow',
  duplicate: 'yellow',
};

function groupLines(g: ChangeGroup, paint: (style: Format | Format[], text: string) => string): string[] {
  const head = paint(
    'bold',
    `${g.action} ${PLAIN.code(formatRef(g.ref))} in ${count(g.targets.length, 'target')}${g.drift ? ' (drift in the cluster)' : ''}: ${g.targets.map(PLAIN.code).join(', ')}`,
  );
  const conflicts = g.conflicts.map((c) => `  field ${PLAIN.code(c.field)} is owned by ${PLAIN.code(c.manager)}`);
  const diff = g.diff
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => PLAIN.text(l))
    .map((l) => (l.startsWith('@@') ? paint('cyan', l) : l.startsWith('+') ? paint('green', l) : l.startsWith('-') ? paint('red', l) : l));
  const sets = g.serverSets.length > 0 ? [paint('gray', `  the server also sets: ${PLAIN.text(settingsLine(g.serverSets, 160))}`)] : [];
  return [head, ...conflicts, ...diff, ...sets, ''];
}

export function renderFleetTerminal(fleet: Fleet, options: FleetTerminalOptions): string {
  const paint = (style: Format | Format[], text: string): string => (options.color ? styleText(style, text, { validateStream: false }) : text);
  const ordered = tableOrder(fleet.members);
  const width = Math.max(0, ...ordered.map((m) => PLAIN.code(memberName(m)).length));
  const lines = [paint('bold', `kube-gitops plan for ${count(declaredMembers(fleet).length, 'target')} at ${PLAIN.code(fleet.head.slice(0, 7))}`), ''];
  for (const m of ordered) {
    const name = PLAIN.code(memberName(m));
    lines.push(`  ${name.padEnd(width)}  ${paint(STYLE[m.kind], status(m))}`);
  }
  lines.push('', ...fleetResourceTerminal(fleet));
  const groups = changeGroups(fleet.members);
  if (groups.length > 0) {
    const abstracted = groups.some((g) => g.ref.namespace === NAMESPACE) ? ` (${NAMESPACE} is each target's own namespace)` : '';
    lines.push(paint('bold', `${count(groups.length, 'change')}, each shown once with the targets it is planned in${abstracted}:`), '');
    for (const g of groups) lines.push(...groupLines(g, paint));
  }
  for (const m of ordered) {
    if (m.kind !== 'failed') continue;
    lines.push(paint('red', `${PLAIN.code(m.target)}: ${count(m.why.length, 'problem')} must be fixed:`));
    if (m.file.run.failure) lines.push(`  ${PLAIN.text(m.file.run.failure)}`);
    for (const p of problemsBesideFailure(m.file)) lines.push(`  ${PLAIN.text(formatProblem(p))}`);
    lines.push('');
  }
  for (const note of [...fleet.notes, ...fleetFailures(fleet)]) lines.push(paint('yellow', PLAIN.text(note.replaceAll('`', ''))));
  return `${lines.join('\n').trimEnd()}\n`;
}
