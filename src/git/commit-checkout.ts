// Materialises the manifests of another commit (the pull request's base) in a temporary
// directory, with git, fetching that one commit when a shallow checkout lacks it.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { childEnvironment } from '../tools/child-environment.js';

const run = promisify(execFile);

/** Another commit's files in a temporary directory, removed by `cleanup`. */
export interface CommitCheckout {
  dir: string;
  cleanup: () => Promise<void>;
}

/** The port the git plan reads the base commit through (tests pass a fake; the runner uses `checkoutCommit`). */
export type CheckoutCommit = (workspace: string, sha: string) => Promise<CommitCheckout>;

/**
 * On a runner: a commit the checkout lacks is fetched from origin (that one commit; `--depth=1` only
 * when the clone is shallow already, so a full clone never becomes a shallow one).
 */
export const checkoutCommit: CheckoutCommit = (workspace, sha) => materialise(workspace, sha, true);

/** From a terminal: the clone's own objects only; a commit it lacks is an error naming what to fetch (no network, no prompt). */
export const localCheckoutCommit: CheckoutCommit = (workspace, sha) => materialise(workspace, sha, false);

/** The port that makes a commit's objects present in the clone, so git can compare it with HEAD. */
export type PresentCommit = (workspace: string, sha: string) => Promise<void>;

/** On a runner: a commit the checkout lacks is fetched from origin, as {@link checkoutCommit} does. */
export const fetchedCommit: PresentCommit = (workspace, sha) => present(workspace, sha, true);

async function materialise(workspace: string, sha: string, fetch: boolean): Promise<CommitCheckout> {
  await present(workspace, sha, fetch);
  const env = gitEnvironment();
  // Run in a folder inside the repository (a terminal run from a subdirectory), `git archive` holds
  // that folder of the commit only, at its root: the workspace's own layout.
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kube-gitops-base-'));
  await run('bash', ['-c', 'git -C "$1" archive --format=tar "$2" | tar -x -C "$3"', 'archive', workspace, sha, dir], {
    maxBuffer: 64 * 1024 * 1024,
    env,
    timeout: 120_000,
  });
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

async function present(workspace: string, sha: string, fetch: boolean): Promise<void> {
  // The sha may come from the cluster (the commit an ApplySet parent records): only a hex object id
  // reaches git, never something git would read as an option or a revision expression.
  if (!/^[0-9a-f]{7,64}$/i.test(sha)) throw new Error(`'${sha.slice(0, 80)}' is not a commit id`);
  const env = gitEnvironment();
  const git = (args: string[]) => run('git', ['-C', workspace, ...args], { maxBuffer: 512 * 1024 * 1024, env, timeout: 120_000 });
  try {
    await git(['cat-file', '-e', `${sha}^{commit}`]);
  } catch {
    if (!fetch) throw new Error(`commit ${sha.slice(0, 7)} is not in this clone (git fetch the branch it was applied from)`);
    const shallow = (await git(['rev-parse', '--is-shallow-repository'])).stdout.trim() === 'true';
    await git(['fetch', '--no-tags', ...(shallow ? ['--depth=1'] : []), 'origin', sha]);
  }
}

function gitEnvironment(): NodeJS.ProcessEnv {
  return childEnvironment('git', process.env, { GIT_TERMINAL_PROMPT: '0' });
}
