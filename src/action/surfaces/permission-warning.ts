// What a token without the permission to write a comment or an issue leaves: a warning naming
// what is missing and where the report is instead, never a failed step.
import { GitHubPermissionError } from '../../github/octokit-github.js';
import type { Logger } from '../../model/logger.js';

/** The write's result; undefined, with `warning` logged, when the token may not write. Any other failure is thrown on. */
export async function unlessForbidden<T>(logger: Logger, warning: string, write: () => Promise<T>): Promise<T | undefined> {
  try {
    return await write();
  } catch (error) {
    if (!(error instanceof GitHubPermissionError)) throw error;
    logger.warning(warning);
    return undefined;
  }
}
