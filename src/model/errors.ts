import { formatProblem, type Problem } from './problem.js';

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

/** Every manifest problem of a run, reported together. */
export class ManifestError extends ConfigurationError {
  override name = 'ManifestError';
  constructor(
    readonly problems: Problem[],
    /** Each problem was already logged at its file and line: a front end says only how many. */
    readonly reported = false,
  ) {
    const [only] = problems;
    super(
      only && problems.length === 1
        ? `Invalid manifest: ${formatProblem(only)}`
        : `${problems.length} invalid manifests:\n${problems.map((p) => `  - ${formatProblem(p)}`).join('\n')}`,
    );
  }
}

/** The message of anything thrown, without assuming it is an Error. */
export function getErrorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** The system code of anything thrown (`ENOENT`, `EACCES`, …), when it carries one. */
export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}
