// Materialises the manifests of another commit (the pull request's base) in a temporary
// directory, with git, fetching that one commit when a shallow checkout lacks it.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Another commit's files in a temporary directory, removed by `cleanup`. */
export interface CommitCheckout {
  dir: string;
  cleanup: () => Promise<void>;
}

/** The port the git plan reads the base commit through (tests pass a fake; the runner uses `checkoutCommit`). */
export type CheckoutCommit = (workspace: string, sha: string) => Promise<CommitCheckout>;

export const checkoutCommit: CheckoutCommit = async (workspace, sha) => {
  // The sha may come from the cluster (the commit an ApplySet parent records): only a hex object id
  // reaches git, never something git would read as an option or a revision expression.
  if (!/^[0-9a-f]{7,64}$/i.test(sha)) throw new Error(`'${sha.slice(0, 80)}' is not a commit id`);
  const git = (args: string[]) => run('git', ['-C', workspace, ...args], { maxBuffer: 512 * 1024 * 1024 });
  try {
    await git(['cat-file', '-e', `${sha}^{commit}`]);
  } catch {
    await git(['fetch', '--no-tags', '--depth=1', 'origin', sha]);
  }
  // The workspace may be a folder inside the repository (a terminal run from a subdirectory): the
  // commit's files are the whole tree, so the same folder of it stands for the workspace.
  const prefix = (await git(['rev-parse', '--show-prefix'])).stdout.trim();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kube-gitops-base-'));
  await run('bash', ['-c', 'git -C "$1" archive --format=tar "$2" | tar -x -C "$3"', 'archive', workspace, sha, dir], { maxBuffer: 64 * 1024 * 1024 });
  return { dir: path.join(dir, prefix), cleanup: () => rm(dir, { recursive: true, force: true }) };
};
