// Whose comments and issues the action may read back and edit: only those the token in use wrote,
// by GitHub's user id (and login), never any author of type Bot. When the identity cannot be read,
// nothing is trusted, and the reason says why.
import { getErrorMessage } from '../model/errors.js';
import type { Author, GitHubApi, GitHubIdentity } from './github-port.js';

export type OwnIdentity = { known: true; identity: GitHubIdentity } | { known: false; reason: string };

export async function ownIdentity(api: GitHubApi): Promise<OwnIdentity> {
  try {
    return { known: true, identity: await api.viewer() };
  } catch (error) {
    return { known: false, reason: `the token's identity could not be read (${getErrorMessage(error).split('\n')[0] ?? ''})` };
  }
}

/** GraphQL may name an app `name` where REST says `name[bot]`; the id decides, the login must agree. */
const bare = (login: string): string => login.replace(/\[bot\]$/, '');

/** Written by the token's own identity: same user id and login. Never true when the identity is unknown. */
export function isWrittenBy(author: Author, own: OwnIdentity): boolean {
  if (!own.known) return false;
  return author.authorId === own.identity.id && author.authorId > 0 && bare(author.authorLogin) === bare(own.identity.login);
}
