// Who approved this workflow run for the target's environment, as GitHub names them: the newest
// `approved` entry of the run's environment review history that names the environment (GitHub's
// environment names are not case sensitive). GitHub documents neither an order nor a time for the
// entries; it lists them in the order they were given, so the last one wins. Rejections and
// comment-only (`pending`) entries name no approver. Reading the history is never what fails a
// deploy: a token without `actions: read` (403, or 404 as GitHub answers some tokens) or any other
// failure leaves one warning and no approver.
import type { Logger } from '../model/logger.js';
import { getErrorMessage } from '../model/errors.js';
import type { SecretRedactor } from '../redaction/secret-redactor.js';
import type { EnvironmentReview, GitHubApi } from './github-port.js';
import { GitHubApiError } from './octokit-github.js';

/** The reviewer who let this run's job deploy to the environment. */
export interface RunApproval {
  /** The reviewer's login, as GitHub names them: data, shown as text, never an @-mention. */
  login: string;
  /** The environment, as the target names it. */
  environment: string;
  /** What the reviewer wrote with the approval (may be empty). */
  comment: string;
}

export const APPROVALS_FORBIDDEN = "The token cannot read this run's approvals (it needs `permissions: actions: read`); the report names no approver.";

/** The newest approval naming `environment`; undefined when none does. */
export function approvalFor(reviews: readonly EnvironmentReview[], environment: string): RunApproval | undefined {
  const wanted = environment.toLowerCase();
  const approved = reviews.filter((r) => r.state === 'approved' && r.environments.some((e) => e.toLowerCase() === wanted));
  const newest = approved.at(-1);
  return newest && newest.login !== '' ? { login: newest.login, environment, comment: newest.comment } : undefined;
}

const isForbidden = (error: unknown): boolean => error instanceof GitHubApiError && (error.status === 403 || error.status === 404);

export interface ApprovalLookup {
  github: GitHubApi;
  logger: Logger;
  redactor: SecretRedactor;
}

/** The approval of run `runId` for `environment`; undefined (with one warning) when the history cannot be read. */
export async function findRunApproval(runId: number, environment: string, { github, logger, redactor }: ApprovalLookup): Promise<RunApproval | undefined> {
  try {
    return approvalFor(await github.listRunApprovals(runId), environment);
  } catch (error) {
    const why = redactor.redactString(getErrorMessage(error));
    logger.warning(isForbidden(error) ? APPROVALS_FORBIDDEN : `Could not read this run's approvals (${why}); the report names no approver.`);
    return undefined;
  }
}
