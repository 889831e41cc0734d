// The fleet as one member per target, from the plan files and what the caller knows: the targets the
// targets file declares (in its order), the ones not planned and why, the pull request's head. A
// target is planned (its plan file is of the head), failed (problems, or its step's failure), not
// planned, stale (its plan file is of another commit or pull request: a stale artifact) or missing
// (no plan file, though it was to be planned). A plan file of a target the file does not declare,
// one that does not read, and a second plan file of one target are members too, named: nothing a
// plans directory holds is dropped without a word.
import { countActions, type ActionCounts } from '../model/plan.js';
import type { PlanFile, PlanFileSet, UnreadablePlanFile } from './plan-file-read.js';

export interface FleetInput {
  plans: PlanFileSet;
  /** The targets the targets file declares, in its order. */
  targets: readonly string[];
  /** Targets not planned on purpose, and why (`no input changed`). */
  notPlanned: ReadonlyMap<string, string>;
  /** The pull request's head commit: the one every plan must be of. */
  head: string;
  pullRequest?: number;
}

export type FleetMember =
  | { kind: 'planned'; target: string; file: PlanFile; counts: ActionCounts }
  | { kind: 'failed'; target: string; file: PlanFile; counts: ActionCounts; why: string[] }
  | { kind: 'not-planned'; target: string; reason: string }
  | { kind: 'stale'; target: string; file: PlanFile; why: string }
  | { kind: 'missing'; target: string }
  | { kind: 'undeclared'; target: string; file: PlanFile }
  | { kind: 'unreadable'; target?: undefined; file: UnreadablePlanFile }
  | { kind: 'duplicate'; target: string; file: PlanFile };

export interface Fleet {
  head: string;
  pullRequest?: number;
  members: FleetMember[];
  /** What reading the plans directory left out. */
  notes: string[];
}

const short = (sha: string): string => sha.slice(0, 7);

/** Why a plan file is not of this run, or undefined when it is. */
function staleWhy(file: PlanFile, head: string, pullRequest: number | undefined): string | undefined {
  if (file.plan.commit !== head) return `planned at \`${short(file.plan.commit)}\`, not the head \`${short(head)}\``;
  if (pullRequest !== undefined && file.run.pullRequest !== pullRequest) {
    return file.run.pullRequest === undefined ? 'planned outside a pull request' : `planned for #${file.run.pullRequest}`;
  }
  return undefined;
}

/** Of a target's plan files, the one of this run (else the first), and the others. */
function pick(files: readonly PlanFile[], head: string, pullRequest: number | undefined): { kept: PlanFile; others: PlanFile[] } | undefined {
  const kept = files.find((f) => !staleWhy(f, head, pullRequest)) ?? files[0];
  return kept ? { kept, others: files.filter((f) => f !== kept) } : undefined;
}

/** The plan's problems but the step's failure line, which a plan file of a step that failed holds as its one problem too. */
export function problemsBesideFailure(file: PlanFile): PlanFile['plan']['problems'] {
  return file.plan.problems.filter((p) => p.message !== file.run.failure);
}

function failures(file: PlanFile): string[] {
  // A step that could not plan writes its one line both as `run.failure` and as the plan's problem: once.
  return [...new Set([...(file.run.failure ? [file.run.failure] : []), ...file.plan.problems.map((p) => p.message)])];
}

function memberOf(target: string, file: PlanFile, input: FleetInput): FleetMember {
  const why = staleWhy(file, input.head, input.pullRequest);
  if (why) return { kind: 'stale', target, file, why };
  const counts = countActions(file.plan.entries);
  const failed = failures(file);
  if (failed.length > 0 || file.run.report === 'refused') return { kind: 'failed', target, file, counts, why: failed.length ? failed : ['refused'] };
  return { kind: 'planned', target, file, counts };
}

export function fleetMembers(input: FleetInput): Fleet {
  const byTarget = new Map<string, PlanFile[]>();
  for (const file of input.plans.files) byTarget.set(file.plan.target, [...(byTarget.get(file.plan.target) ?? []), file]);
  const declared = new Set(input.targets);
  const members: FleetMember[] = [];
  const extra: FleetMember[] = [];
  for (const target of input.targets) {
    const chosen = pick(byTarget.get(target) ?? [], input.head, input.pullRequest);
    const reason = input.notPlanned.get(target);
    if (chosen) {
      members.push(memberOf(target, chosen.kept, input));
      extra.push(...chosen.others.map((file): FleetMember => ({ kind: 'duplicate', target, file })));
    } else members.push(reason === undefined ? { kind: 'missing', target } : { kind: 'not-planned', target, reason });
  }
  for (const [target, files] of byTarget) {
    if (!declared.has(target)) extra.push(...files.map((file): FleetMember => ({ kind: 'undeclared', target, file })));
  }
  extra.push(...input.plans.unreadable.map((file): FleetMember => ({ kind: 'unreadable', file })));
  return {
    head: input.head,
    ...(input.pullRequest === undefined ? {} : { pullRequest: input.pullRequest }),
    members: [...members, ...extra],
    notes: input.plans.notes,
  };
}

/** How a member is named: its target, or an unreadable file's path. */
export function memberName(m: FleetMember): string {
  return m.kind === 'unreadable' ? m.file.path : m.target;
}

/** Why the fleet step must fail after posting (a target failed, or has no plan of this commit); empty when it need not. */
export function fleetFailures(fleet: Fleet): string[] {
  const count = (kind: FleetMember['kind']): number => fleet.members.filter((m) => m.kind === kind).length;
  const parts = [
    [count('failed'), 'target(s) failed'],
    [count('stale'), 'target(s) have a plan file of another commit'],
    [count('missing'), 'target(s) have no plan file'],
    [count('unreadable'), 'plan file(s) do not read'],
  ] as const;
  return parts.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`);
}
