// The pull request a preview is asked for, read from a pull_request or pull_request_target event
// payload (untrusted JSON until narrowed): its number, head commit, author, head and base
// repositories (`head.repo` is null once the fork is deleted), and the event's action with, for
// `labeled` and `unlabeled`, the label's name. A payload without them is no pull request event.
import { isJsonObject, type JsonObject, type JsonValue } from '../objects/kube-object.js';
import type { PreviewPullRequest } from './preview-opt-in-rule.js';

const obj = (v: JsonValue | undefined): JsonObject => (v !== undefined && isJsonObject(v) ? v : {});
const str = (v: JsonValue | undefined): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** The pull request of `payload`; undefined when it lacks the number, the head commit or the base repository. */
export function previewPullRequestOf(payload: JsonObject): PreviewPullRequest | undefined {
  const pr = obj(payload.pull_request);
  const number = typeof pr.number === 'number' && Number.isSafeInteger(pr.number) && pr.number > 0 ? pr.number : undefined;
  const head = obj(pr.head);
  const headSha = str(head.sha);
  const baseRepo = str(obj(obj(pr.base).repo).full_name);
  if (number === undefined || headSha === undefined || baseRepo === undefined) return undefined;
  const headRepo = str(obj(head.repo).full_name);
  const actionLabel = str(obj(payload.label).name);
  return {
    number,
    ...(headRepo ? { headRepo } : {}),
    baseRepo,
    headSha,
    author: str(obj(pr.user).login) ?? '',
    action: str(payload.action) ?? '',
    ...(actionLabel ? { actionLabel } : {}),
  };
}
