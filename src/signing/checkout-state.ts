// What a signature covers is a commit; what is applied is the files in the workspace. With
// verify-commits on, the two must be the same: the checkout's HEAD is the verified commit, and no
// file under the manifest paths differs from it — changed, untracked or ignored (a step before ours
// may have written one). Otherwise a signed commit would vouch for files nobody signed.
import { short } from './commit-scope.js';
import { uncommittedFiles } from '../git/uncommitted-files.js';
import { runTool } from './signing-tool.js';

/** Why the workspace is not exactly `commit` under `paths`, or undefined when it is. */
export async function checkoutMismatch(workspace: string, commit: string, paths: readonly string[]): Promise<string | undefined> {
  const head = await runTool('git', ['rev-parse', 'HEAD'], { cwd: workspace });
  if (head.code !== 0) return `the workspace ${workspace} is not a git checkout, so what is applied cannot be tied to a signed commit`;
  if (head.stdout.trim() !== commit)
    return `the workspace is checked out at ${short(head.stdout.trim())}, not at the verified commit ${short(commit)}: check out the commit being applied`;
  const status = await uncommittedFiles(workspace, paths);
  if ('error' in status) return `git status failed in the workspace (${status.error})`;
  const changed = status.files;
  if (changed.length === 0) return undefined;
  return `${changed.length} file(s) under the manifest paths differ from the verified commit ${short(commit)} (changed, untracked or ignored: ${changed.slice(0, 5).join(', ')}${changed.length > 5 ? ', …' : ''}); only what was committed and signed may be applied`;
}
