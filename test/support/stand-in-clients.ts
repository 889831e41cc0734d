// Two ways into the GitHub stand-in for tests of its routes: the project's real adapter, and a raw
// request (for what the adapter never sends: bodies GitHub refuses, routes GitHub does not serve).
import { createGitHubApi } from '../../src/github/octokit-github.js';
import type { GitHubApi } from '../../src/github/github-port.js';
import type { GitHubApiServer } from './github-api-server.js';

export interface StandInClients {
  /** The real octokit adapter, pointed at the stand-in's Codertocat/Hello-World. */
  api: () => GitHubApi;
  /** `method path` below /repos/Codertocat/Hello-World, with the token and a JSON body. */
  raw: (method: string, path: string, body?: unknown) => Promise<Response>;
}

/** `server` is read when a client is used (a test's `before` starts it). */
export function standInClients(server: () => GitHubApiServer, token: string): StandInClients {
  return {
    api: () => createGitHubApi({ token, owner: 'Codertocat', repo: 'Hello-World', apiUrl: server().url }),
    raw: (method, path, body) =>
      fetch(`${server().url}/repos/Codertocat/Hello-World${path}`, {
        method,
        headers: { authorization: `token ${token}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
  };
}
