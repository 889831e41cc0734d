// Which commits must be verified: the one applied, or (since-live) every first-parent commit after
// the live one up to it. A checkout that lacks them (a shallow clone) is said so, never passed over.
import { runTool } from './signing-tool.js';
import { childEnvironment } from '../tools/child-environment.js';

export type CommitScope = { commits: string[]; live?: string } | { missing: string };

export interface ScopeRequest {
  workspace: string;
  head: string;
  /** The live commit, for the since-live scope; undefined: the first apply (only the head). */
  live?: string;
  sinceLive: boolean;
}

const FETCH_DEPTH_HINT = 'set fetch-depth: 0 on actions/checkout';

export async function commitsInScope(request: ScopeRequest): Promise<CommitScope> {
  const { workspace, head, live } = request;
  const git = (args: string[]) => runTool('git', ['-C', workspace, ...args], { env: childEnvironment('git', process.env, { GIT_NO_REPLACE_OBJECTS: '1' }) });
  if ((await git(['cat-file', '-e', `${head}^{commit}`])).code !== 0) {
    return { missing: `commit ${short(head)} is not in the checkout at ${workspace}, so its signature cannot be read` };
  }
  if (!request.sinceLive || !live || live === head) return { commits: [head] };
  const shallow = (await git(['rev-parse', '--is-shallow-repository'])).stdout.trim() === 'true';
  if ((await git(['cat-file', '-e', `${live}^{commit}`])).code !== 0) {
    return {
      missing: `the live commit ${short(live)} is not in the checkout${shallow ? ' (a shallow clone)' : ''}, so the commits between it and ${short(head)} cannot be verified: ${FETCH_DEPTH_HINT}`,
    };
  }
  if (shallow && (await git(['merge-base', '--is-ancestor', live, head])).code !== 0) {
    return { missing: `the checkout is a shallow clone that does not reach from ${short(head)} back to the live commit ${short(live)}: ${FETCH_DEPTH_HINT}` };
  }
  const listed = await git(['rev-list', '--first-parent', `${live}..${head}`]);
  if (listed.code !== 0)
    return { missing: `git could not list the commits between ${short(live)} and ${short(head)}: ${listed.stderr.trim().split('\n')[0] ?? ''}` };
  const commits = listed.stdout.split('\n').filter((l) => /^[0-9a-f]{40,64}$/.test(l));
  return { commits: commits.length > 0 ? commits : [head], live };
}

export function short(sha: string): string {
  return sha.slice(0, 7);
}
