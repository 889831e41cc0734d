/** Where a problem sits in the user's repository. Lines and columns are 1-based. */
export interface SourceLocation {
  file: string;
  line: number;
  column?: number;
}

/** The user must fix something: an input, a manifest, a setting. Never a stack trace. */
export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
  constructor(
    message: string,
    /** The action input to fix, when the problem is an input. */
    readonly input?: string,
  ) {
    super(message);
  }
}

/** One problem in one manifest. */
export interface ManifestProblem {
  message: string;
  location?: SourceLocation;
}

/** Every manifest problem of a run, reported together. */
export class ManifestError extends ConfigurationError {
  override name = 'ManifestError';
  constructor(readonly problems: ManifestProblem[]) {
    super(
      problems.length === 1
        ? `Invalid manifest: ${formatProblem(problems[0]!)}`
        : `${problems.length} invalid manifests:\n${problems.map((p) => `  - ${formatProblem(p)}`).join('\n')}`,
    );
  }
}

export function formatLocation(loc: SourceLocation): string {
  return `${loc.file}:${loc.line}${loc.column === undefined ? '' : `:${loc.column}`}`;
}

export function formatProblem(p: ManifestProblem): string {
  return p.location ? `${formatLocation(p.location)}: ${p.message}` : p.message;
}

/** The message of anything thrown, without assuming it is an Error. */
export function getErrorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
