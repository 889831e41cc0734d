// A plan file read back as data from another job: an artifact a pull request's workflow uploaded,
// so every string in it may come from the pull request's author. It enters as `unknown` and leaves as
// a Plan and its `run` record only when every field the fleet uses has the type it should; any other
// field is dropped. A file that does not read says where (`entries[3].ref.name: not a string`),
// never with a stack trace. Entries that change nothing keep their identity and action, not their
// objects: the fleet counts them and shows no diff of them, and 100 plan files stay small in memory.
import { isJsonObject, type JsonObject, type KubeObject } from '../objects/kube-object.js';
import type { ObjectRef } from '../objects/object-ref.js';
import type { SourceLocation } from '../objects/source-location.js';
import type { Action, FieldConflict, Plan, PlanEntry } from '../model/plan.js';
import type { PlanFileRun } from '../model/plan-file-run.js';
import type { Problem } from '../model/problem.js';
import { sourceFromPlanFile } from '../render/plan-file-locations.js';
import { readResources } from './resources-shape.js';

/** A plan file that reads: its plan and what its step said of it. */
export interface PlanFileContent {
  plan: Plan;
  run: PlanFileRun;
}

class ShapeError extends Error {}

const ACTIONS: ReadonlySet<string> = new Set<Action>(['create', 'update', 'replace', 'delete', 'unchanged', 'retain']);
const REPORTS: ReadonlySet<string> = new Set<PlanFileRun['report']>(['plan', 'apply', 'refused', 'drift']);

function fail(where: string, what: string): never {
  throw new ShapeError(`${where}: ${what}`);
}

function object(value: unknown, where: string): JsonObject {
  return isJsonObject(value) ? value : fail(where, 'not an object');
}

function string(value: unknown, where: string): string {
  return typeof value === 'string' ? value : fail(where, 'not a string');
}

function optional<T>(value: unknown, where: string, read: (v: unknown, w: string) => T): T | undefined {
  return value === undefined ? undefined : read(value, where);
}

function list<T>(value: unknown, where: string, read: (v: unknown, w: string) => T): T[] {
  return Array.isArray(value) ? value.map((v, i) => read(v, `${where}[${i}]`)) : fail(where, 'not a list');
}

function kubeObject(value: unknown, where: string): KubeObject {
  const o = object(value, where);
  string(o.apiVersion, `${where}.apiVersion`);
  string(o.kind, `${where}.kind`);
  string(object(o.metadata, `${where}.metadata`).name, `${where}.metadata.name`);
  return o as KubeObject;
}

function ref(value: unknown, where: string): ObjectRef {
  const o = object(value, where);
  const namespace = optional(o.namespace, `${where}.namespace`, string);
  return {
    group: string(o.group, `${where}.group`),
    version: string(o.version, `${where}.version`),
    kind: string(o.kind, `${where}.kind`),
    ...(namespace === undefined ? {} : { namespace }),
    name: string(o.name, `${where}.name`),
  };
}

function source(value: unknown, where: string): SourceLocation {
  return sourceFromPlanFile(value) ?? fail(where, 'not a source location (file, line)');
}

function conflict(value: unknown, where: string): FieldConflict {
  const o = object(value, where);
  return { manager: string(o.manager, `${where}.manager`), field: string(o.field, `${where}.field`) };
}

function action(value: unknown, where: string): Action {
  return typeof value === 'string' && ACTIONS.has(value) ? (value as Action) : fail(where, 'not an action');
}

function entry(value: unknown, where: string): PlanEntry {
  const o = object(value, where);
  const act = action(o.action, `${where}.action`);
  const keepObjects = act !== 'unchanged';
  const before = keepObjects ? optional(o.before, `${where}.before`, kubeObject) : undefined;
  const after = keepObjects ? optional(o.after, `${where}.after`, kubeObject) : undefined;
  const written = act === 'create' ? optional(o.written, `${where}.written`, kubeObject) : undefined;
  const at = optional(o.source, `${where}.source`, source);
  return {
    ref: ref(o.ref, `${where}.ref`),
    action: act,
    ...(before ? { before } : {}),
    ...(after ? { after } : {}),
    ...(written ? { written } : {}),
    ...(at ? { source: at } : {}),
    notes: list(o.notes ?? [], `${where}.notes`, string),
    conflicts: list(o.conflicts ?? [], `${where}.conflicts`, conflict),
    ...(o.drift === true ? { drift: true as const } : {}),
  };
}

function problem(value: unknown, where: string): Problem {
  const o = object(value, where);
  const at = optional(o.source, `${where}.source`, source);
  const about = optional(o.ref, `${where}.ref`, ref);
  return { message: string(o.message, `${where}.message`), ...(at ? { source: at } : {}), ...(about ? { ref: about } : {}) };
}

function plan(o: JsonObject): Plan {
  const basis = o.basis === 'cluster' || o.basis === 'git' ? o.basis : fail('basis', 'not cluster or git');
  const liveCommit = optional(o.liveCommit, 'liveCommit', string);
  return {
    target: string(o.target, 'target'),
    commit: string(o.commit, 'commit'),
    basis,
    ...(liveCommit === undefined ? {} : { liveCommit }),
    entries: list(o.entries, 'entries', entry),
    problems: list(o.problems, 'problems', problem),
    warnings: list(o.warnings ?? [], 'warnings', string),
    ...resources(o.resources),
  };
}

/** The plan's resource totals (resources-shape.ts), when the file has them. */
function resources(value: unknown): Pick<Plan, 'resources'> {
  if (value === undefined) return {};
  const read = readResources(value);
  if ('why' in read) throw new ShapeError(read.why);
  return read;
}

function pullRequest(value: unknown, where: string): number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : fail(where, 'not a pull request number');
}

function run(value: unknown): PlanFileRun {
  const o = object(value, 'run');
  const report = typeof o.report === 'string' && REPORTS.has(o.report) ? (o.report as PlanFileRun['report']) : fail('run.report', 'not a report kind');
  const pr = optional(o.pullRequest, 'run.pullRequest', pullRequest);
  const texts = (['review', 'runUrl', 'environment', 'failure', 'outcome', 'ring'] as const).flatMap((k) => {
    const v = optional(o[k], `run.${k}`, string);
    return v === undefined ? [] : [[k, v] as const];
  });
  if (o.drifted !== undefined && typeof o.drifted !== 'boolean') fail('run.drifted', 'not true or false');
  if (o.succeeded !== undefined && typeof o.succeeded !== 'boolean') fail('run.succeeded', 'not true or false');
  return {
    report,
    version: string(o.version, 'run.version'),
    namespace: string(o.namespace, 'run.namespace'),
    ...(pr === undefined ? {} : { pullRequest: pr }),
    ...Object.fromEntries(texts),
    ...(typeof o.drifted === 'boolean' ? { drifted: o.drifted } : {}),
    ...(typeof o.succeeded === 'boolean' ? { succeeded: o.succeeded } : {}),
  };
}

/** The plan file's text as a plan and its run record, or why it is not one. */
export function readPlanFileText(text: string): PlanFileContent | { why: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { why: `not JSON (${error instanceof Error ? error.message.split('\n')[0] : 'unreadable'})` };
  }
  try {
    const o = object(parsed, 'the file');
    if (o.run === undefined) return { why: 'no `run` record (written by a kube-gitops without fleets, or not a plan file)' };
    return { plan: plan(o), run: run(o.run) };
  } catch (error) {
    if (error instanceof ShapeError) return { why: error.message };
    throw error;
  }
}
