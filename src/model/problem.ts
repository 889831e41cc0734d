// One problem type for every stage that finds problems (loading, planning, a refused apply) and
// every view that shows them (annotations, the comment, the reports, the plan file).
import type { ObjectSource } from '../objects/desired-object.js';
import type { ObjectRef } from '../objects/object-ref.js';

/** Where something sits in the user's repository. Lines and columns are 1-based. */
export interface SourceLocation {
  file: string;
  line: number;
  column?: number;
  /** For a chart's output: the template below the HelmChart document at file:line. */
  template?: string;
}

/** Where a problem sits: an object's source (with its kustomization), and the column when a parser knows it. */
export type ProblemSource = ObjectSource & { column?: number };

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
  source?: ProblemSource;
}

/** `file:line`, or `file:line:column` when the column is known; ` → template` for a chart's output. */
export function formatLocation(loc: SourceLocation): string {
  return `${loc.file}:${loc.line}${loc.column === undefined ? '' : `:${loc.column}`}${loc.template ? ` → ${loc.template}` : ''}`;
}

/** `file:line` alone, as the reports show a problem's place. */
export function formatFileLine(loc: SourceLocation): string {
  return `${loc.file}:${loc.line}`;
}

/** The problem led by its place: `file:line[:column]: message`. */
export function formatProblem(p: Problem): string {
  return p.source ? `${formatLocation(p.source)}: ${p.message}` : p.message;
}
