// Where something sits in the user's repository: a loaded object's source, a problem's place, a log
// line's annotation; one type for all of them. What produced an object from the document at
// file:line (a kustomization that built it, a chart template that rendered it) is `via`: data the
// source kind that made it writes (src/load/sources/), read here without knowing any kind.

/** One step that produced an object from the document at file:line. */
export interface Via {
  /** What the step is, as the plan file names it: `kustomization`, `template`. */
  name: string;
  /** The kustomization directory, the chart template (`shop/templates/deployment.yaml`). */
  path: string;
  /**
   * `through`: file:line defines the object and it was built through `path` (a kustomization):
   * named only where two copies must be told apart. `below`: file:line is the document that asked
   * for it, and the object comes from `path` below it (a HelmChart and its chart's template):
   * shown with every location, `file:line → path`.
   */
  relation: 'through' | 'below';
}

/** Where something sits in the user's repository. Lines and columns are 1-based. */
export interface SourceLocation {
  /** Path relative to the workspace, with forward slashes. */
  file: string;
  /** 1-based line of the document (or List item) in `file`. */
  line: number;
  /** 1-based column, when a parser knows it. */
  column?: number;
  /** What produced the object from file:line, outermost first; absent for a document read as it is. */
  via?: readonly Via[];
}

/** The path of the step named `name` (`kustomization`, `template`), if the object went through one. */
export function viaPath(source: SourceLocation, name: string): string | undefined {
  return source.via?.find((v) => v.name === name)?.path;
}

/** The location with one more step after the ones it has. */
export function withVia(source: SourceLocation, step: Via): SourceLocation {
  return { ...source, via: [...(source.via ?? []), step] };
}

/** The steps an object was built through (the kustomizations), outermost first. */
export function throughSteps(source: SourceLocation): Via[] {
  return (source.via ?? []).filter((v) => v.relation === 'through');
}
