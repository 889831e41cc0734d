// One problem type for every stage that finds problems (loading, planning, a refused apply) and
// every view that shows them (annotations, the comment, the reports, the plan file).
import type { ObjectRef } from '../objects/object-ref.js';
import type { SourceLocation } from '../objects/source-location.js';

/**
 * What kind of problem it is, for the code that must tell some apart (never parsed from the message):
 * - `path-matches-nothing`: an entry of the `path` input matches no file;
 * - `empty-state`: the manifests are empty, which would prune everything (the input is allow-empty);
 * - `refusal`: the message is the refusal's own sentence (it leads with `Nothing was applied` or `Refusing`);
 * - `commit-refused`: a commit refused by the signature gate (`Refusing to apply <sha>: <reason>`).
 */
export type ProblemCode = 'path-matches-nothing' | 'empty-state' | 'refusal' | 'commit-refused';

/** One thing the user must fix, about one object or one place in the repository when known. */
export interface Problem {
  message: string;
  code?: ProblemCode;
  /** The entry of the `path` input it is about (path-matches-nothing). */
  pathEntry?: string;
  /** The object the problem is about. */
  ref?: ObjectRef;
  /** The file and line (and column) to fix. */
  source?: SourceLocation;
}

/** `file:line`, or `file:line:column` when the column is known; ` → template` for each step below it (a chart's template). */
export function formatLocation(loc: SourceLocation): string {
  const below = (loc.via ?? []).filter((v) => v.relation === 'below' && v.path !== '');
  return `${loc.file}:${loc.line}${loc.column === undefined ? '' : `:${loc.column}`}${below.map((v) => ` → ${v.path}`).join('')}`;
}

/** `file:line` alone, as the reports show a problem's place. */
export function formatFileLine(loc: SourceLocation): string {
  return `${loc.file}:${loc.line}`;
}

/** The problem led by its place: `file:line[:column]: message`. */
export function formatProblem(p: Problem): string {
  return p.source ? `${formatLocation(p.source)}: ${p.message}` : p.message;
}
