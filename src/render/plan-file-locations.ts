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
