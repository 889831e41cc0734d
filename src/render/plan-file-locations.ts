// The plan file's form of a source location, kept as it was before `via`: each step a field named
// for it (`kustomization`, `template`), a step the object was built through before `line`, a step
// below file:line after it, so a plan file reads the same whichever kube-gitops wrote it. Only the
// entries' and problems' sources are rewritten; manifests inside the plan are left as they are.
import type { Plan } from '../model/plan.js';
import type { Problem } from '../model/problem.js';
import type { SourceLocation, Via } from '../objects/source-location.js';

type PlanFileLocation = Record<string, string | number>;

function steps(via: readonly Via[] | undefined, relation: Via['relation']): Record<string, string> {
  return Object.fromEntries((via ?? []).filter((v) => v.relation === relation).map((v) => [v.name, v.path]));
}

function planFileLocation(source: SourceLocation): PlanFileLocation {
  return {
    file: source.file,
    ...steps(source.via, 'through'),
    line: source.line,
    ...(source.column === undefined ? {} : { column: source.column }),
    ...steps(source.via, 'below'),
  };
}

function withPlanFileSource<T extends { source?: SourceLocation }>(item: T): T | (Omit<T, 'source'> & { source: PlanFileLocation }) {
  return item.source ? { ...item, source: planFileLocation(item.source) } : item;
}

/** The plan as the plan file writes it: the same fields, each source location in its plan-file form. */
export function planFileForm(plan: Plan): unknown {
  return { ...plan, entries: plan.entries.map(withPlanFileSource), problems: plan.problems.map((p: Problem) => withPlanFileSource(p)) };
}

/**
 * A plan file's source location read back (the inverse of planFileLocation): each field before
 * `line` a step the object was built through, each after it (and `column`) a step below file:line.
 * Undefined when the value is not of that form (a plan file is data from another job).
 */
export function sourceFromPlanFile(value: unknown): SourceLocation | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const fields = Object.entries(value);
  const { file, line, column } = value as Record<string, unknown>;
  if (typeof file !== 'string' || typeof line !== 'number' || !Number.isInteger(line)) return undefined;
  if (column !== undefined && (typeof column !== 'number' || !Number.isInteger(column))) return undefined;
  const via: Via[] = [];
  let relation: Via['relation'] = 'through';
  for (const [name, path] of fields) {
    if (name === 'line') relation = 'below';
    if (name === 'file' || name === 'line' || name === 'column') continue;
    if (typeof path !== 'string') return undefined;
    via.push({ name, path, relation });
  }
  return { file, line, ...(column === undefined ? {} : { column }), ...(via.length ? { via } : {}) };
}
