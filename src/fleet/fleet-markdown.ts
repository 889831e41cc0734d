// The fleet's one comment on a pull request (`mode: fleet`), a pure function of the fleet. Line 1 is
// the fleet marker, the lines under it the targets' review records (fleet-records.ts), then the
// heading, the verdict, the target × counts table, the identical changes grouped, each target's
// details, and what was left out. It always fits `maxBytes` at any fleet size: the records keep
// their room first, the table is cut (targets that change nothing go first, being last), then
// groups and target blocks are left out, least important first, each counted in the note.
import { fleetMarker } from '../github/sticky-comment.js';
import { byteSize, fitBytes, linesWithin } from '../render/byte-budget.js';
import { inlineCode } from '../text/markdown-escape.js';
import { changeGroups, NAMESPACE, type ChangeGroup } from './change-groups.js';
import { memberName, type Fleet } from './fleet-members.js';
import { fleetRecords, RECORD_LEFT_OUT } from './fleet-records.js';
import { groupBlock, leftOutNote, targetBlock } from './fleet-sections.js';
import { fleetResourceLines } from './fleet-resources.js';
import { TABLE_HEAD, tableOrder, tableRow } from './fleet-table.js';
import { count, declaredMembers, fleetVerdict, named } from './fleet-verdict.js';

export interface FleetRenderOptions {
  /** UTF-8 byte budget (src/action/surfaces/runner-writes.ts COMMENT_MAX_BYTES). */
  maxBytes: number;
  /** Rows link a job summary only when the plan file's run URL starts with this (`<server>/<owner>/<repo>/actions/runs/`). */
  runUrlPrefix?: string;
  /** The fleet's name when a repository has several (each keeps a comment of its own: src/github/sticky-comment.ts fleetMarker). */
  name?: string;
  /** Linked after the head commit in the heading. */
  commitUrl?: string;
}

/** Room kept for the left-out note and the section headings. */
const RESERVE = 1_500;

function heading(fleet: Fleet, options: FleetRenderOptions): string {
  const short = inlineCode(fleet.head.slice(0, 7));
  const commit = options.commitUrl ? `[${short}](${options.commitUrl})` : short;
  return `### kube-gitops plan for ${count(declaredMembers(fleet).length, 'target')} at ${commit}`;
}

/** As many blocks as fit in `budget`, most important first; the others counted. */
function within<T>(items: readonly T[], render: (item: T) => string | undefined, budget: number): { texts: string[]; left: T[] } {
  const texts: string[] = [];
  const left: T[] = [];
  let used = 0;
  for (const item of items) {
    const text = render(item);
    if (text === undefined) continue;
    if (used + byteSize(text) + 1 > budget) left.push(item);
    else {
      texts.push(text);
      used += byteSize(text) + 1;
    }
  }
  return { texts, left };
}

function groupsHeading(groups: readonly ChangeGroup[]): string {
  const abstracted = groups.some((g) => g.ref.namespace === NAMESPACE) ? ` ${inlineCode(NAMESPACE)} stands for each target's own namespace.` : '';
  return `#### ${count(groups.length, 'change')}, each shown once with the targets it is planned in\n\nThe same change to the same object in several targets is one block.${abstracted}\n`;
}

export function renderFleetMarkdown(fleet: Fleet, options: FleetRenderOptions): string {
  const records = fleetRecords(fleet);
  const groups = changeGroups(fleet.members);
  const top = [
    fleetMarker(options.name),
    ...records.lines,
    heading(fleet, options),
    '',
    ...[...fleetVerdict(fleet, groups), ...fleetResourceLines(fleet)].flatMap((s) => [s, '']),
  ].join('\n');
  let budget = options.maxBytes - byteSize(top) - RESERVE;

  const ordered = tableOrder(fleet.members);
  const rows = ordered.map((m) => tableRow(m, m.target === undefined ? undefined : records.status.get(m.target), options.runUrlPrefix));
  const { kept, cut } = linesWithin(rows, Math.max(0, budget / 2 - byteSize(TABLE_HEAD)));
  const cutNames = ordered.slice(kept.length).map(memberName);
  const table = `${[TABLE_HEAD, ...kept].join('\n')}\n${cut > 0 ? `\n…and ${count(cut, 'more target')}: ${named(cutNames)}.\n` : ''}`;
  budget -= byteSize(table);

  const shownGroups = within(groups, groupBlock, budget * 0.7 - byteSize(groupsHeading(groups)));
  const groupText = groups.length ? [groupsHeading(groups), ...shownGroups.texts].join('\n') : '';
  budget -= byteSize(groupText);
  const targets = within(ordered, targetBlock, budget - 40);
  const targetText = targets.texts.length ? ['#### Per target\n', ...targets.texts].join('\n') : '';

  const recordsOut = [...records.status].filter(([, s]) => s === RECORD_LEFT_OUT).map(([t]) => t);
  const left = [
    ...(recordsOut.length ? [`the review records of ${named(recordsOut)} (their merges find no reviewed plan)`] : []),
    ...(cut > 0 ? [count(cut, 'table row')] : []),
    ...(shownGroups.left.length
      ? [
          `${count(shownGroups.left.length, 'change')} (${shownGroups.left
            .map((g) => g.action)
            .filter((a, i, all) => all.indexOf(a) === i)
            .join(', ')})`,
        ]
      : []),
    ...(targets.left.length ? [`the details of ${named(targets.left.map(memberName))}`] : []),
  ];
  const body = [top, table, groupText, targetText, leftOutNote(left, fleet.notes)].filter((part) => part !== '').join('\n');
  return fitBytes(body, options.maxBytes);
}
