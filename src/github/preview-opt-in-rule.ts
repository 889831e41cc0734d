// The rule that decides whether a pull request's manifests may be deployed as a preview, as pure
// functions of what GitHub says. A pull request from a branch of the repository itself is trusted:
// only people with write access can push there. A fork's pull request runs manifests nobody has
// reviewed, so it is trusted only when all of these hold:
//   1. the label is on the pull request now;
//   2. the last time it was applied, a person (not an app) applied it;
//   3. that person's permission on the repository is admin, maintain or write (GitHub reports
//      maintain as write; triage and read never count, whoever opened the pull request);
//   4. this run was started by applying that label (`labeled`): the label lets only the commit that
//      was the pull request's head when it was applied deploy. A push (`synchronize`), a reopen or
//      any other event refuses it until the label is removed and applied again, since GitHub
//      records no trustworthy time for an ordinary push (commit dates are the pusher's to set).
// Anything else, missing or unreadable, is a refusal whose `why` says which condition failed.
import type { LabelEvent, RepositoryPermission } from './github-port.js';

/** The pull request a preview is asked for, as the event payload gives it. */
export interface PreviewPullRequest {
  number: number;
  /** `owner/name` of the head repository; undefined when GitHub sends none (the fork was deleted). */
  headRepo?: string;
  /** `owner/name` of the repository the pull request targets (this one). */
  baseRepo: string;
  /** The head commit the event names: the one a trusted verdict lets deploy. */
  headSha: string;
  /** The login of the pull request's author. */
  author: string;
  /** The event's action: `opened`, `synchronize`, `reopened`, `labeled`, … */
  action: string;
  /** For `labeled` and `unlabeled`: the name of the label the event is about. */
  actionLabel?: string;
}

/** Whether the pull request's manifests may be deployed, and the sentence that says why. */
export type OptInVerdict = { trusted: true; why: string } | { trusted: false; why: string };

/** Base roles that may let a fork deploy (`permission` of the collaborator permission endpoint). */
const DEPLOYING_PERMISSIONS: ReadonlySet<string> = new Set(['admin', 'maintain', 'write']);

const NOT_DEPLOYED = 'Its preview is not deployed.';

const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** A fork's pull request: its head repository is another one, or gone. */
export function isFromFork(pr: PreviewPullRequest): boolean {
  return pr.headRepo === undefined || !sameName(pr.headRepo, pr.baseRepo);
}

/** `the fork mallory/app`, or what is left of a deleted one. */
const fromWhere = (pr: PreviewPullRequest): string => (pr.headRepo ? `the fork ${pr.headRepo}` : 'a fork that no longer exists');

const quoted = (label: string): string => JSON.stringify(label);

const refused = (why: string): OptInVerdict => ({ trusted: false, why: `${why} ${NOT_DEPLOYED}` });

/** The verdict for a pull request from the repository itself; undefined for a fork's. */
export function sameRepositoryVerdict(pr: PreviewPullRequest): OptInVerdict | undefined {
  if (isFromFork(pr)) return undefined;
  return {
    trusted: true,
    why: `Pull request #${pr.number} comes from a branch of ${pr.baseRepo} itself, which only people with write access can push to.`,
  };
}

/** A failure to read what the rule needs: never trusted. */
export function unreadableVerdict(pr: PreviewPullRequest, what: string, error: string): OptInVerdict {
  return refused(`Could not read ${what} of pull request #${pr.number} from ${fromWhere(pr)} (${error}); a fork's manifests are never deployed unchecked.`);
}

/** Who applied the label last, when it is on the pull request now. */
export interface Labeller {
  login: string;
  at: string;
}

/**
 * Conditions 1 and 2: the person who last applied the label that is on the pull request now, or the
 * refusal when it is not on, or GitHub names no person as its last applier.
 */
export function findLabeller(pr: PreviewPullRequest, label: string, labelsNow: readonly string[], events: readonly LabelEvent[]): Labeller | OptInVerdict {
  const ofLabel = events.filter((e) => sameName(e.label, label));
  const last = ofLabel.at(-1);
  if (!labelsNow.some((l) => sameName(l, label))) {
    const removed = last?.event === 'unlabeled' ? ` (${last.actorLogin || 'someone'} removed it at ${last.createdAt})` : '';
    return refused(
      `Pull request #${pr.number} comes from ${fromWhere(pr)} and does not carry the label ${quoted(label)}${removed}: ` +
        `a fork's manifests are deployed only after someone with write access to ${pr.baseRepo} reviews them and applies that label.`,
    );
  }
  if (last?.event !== 'labeled') {
    return refused(
      `Pull request #${pr.number} from ${fromWhere(pr)} carries the label ${quoted(label)}, but GitHub lists nobody applying it since it was last removed.`,
    );
  }
  if (last.actorLogin === '')
    return refused(`GitHub names nobody as the one who applied the label ${quoted(label)} to pull request #${pr.number} from ${fromWhere(pr)}.`);
  if (last.actorType === 'Bot') {
    return refused(
      `The label ${quoted(label)} on pull request #${pr.number} from ${fromWhere(pr)} was applied by ${last.actorLogin}, an app: ` +
        `only a person with write access to ${pr.baseRepo} can let a fork's manifests deploy.`,
    );
  }
  return { login: last.actorLogin, at: last.createdAt };
}

const who = (pr: PreviewPullRequest, login: string): string => (sameName(login, pr.author) ? `${login} (the pull request's author)` : login);

/** Conditions 3 and 4, once the labeller's permission is known. */
export function labellerVerdict(pr: PreviewPullRequest, label: string, labeller: Labeller, access: RepositoryPermission): OptInVerdict {
  const role = access.roleName || access.permission;
  if (!DEPLOYING_PERMISSIONS.has(access.permission)) {
    return refused(
      `The label ${quoted(label)} on pull request #${pr.number} from ${fromWhere(pr)} was last applied by ${who(pr, labeller.login)}, ` +
        `whose role on ${pr.baseRepo} is ${role}: only admin, maintain or write can let a fork's manifests deploy.`,
    );
  }
  const applied = `${who(pr, labeller.login)} (${role}) applied the label ${quoted(label)} to pull request #${pr.number} from ${fromWhere(pr)} at ${labeller.at}`;
  if (pr.action !== 'labeled' || pr.actionLabel === undefined || !sameName(pr.actionLabel, label)) {
    const event = pr.action === 'synchronize' ? 'new commits (synchronize)' : quoted(pr.action || 'another event');
    return refused(
      `${applied}, but this run is for ${event}, not for applying it: the label lets deploy only the commit that was the head when it was applied. ` +
        `To deploy ${pr.headSha.slice(0, 12)}, review it, then remove the label and apply it again.`,
    );
  }
  return { trusted: true, why: `${applied}: its head commit ${pr.headSha.slice(0, 12)} may be deployed.` };
}
