// What a signature covers is a commit; what is applied is the files in the workspace. With
// verify-commits on, the two must be the same: the checkout's HEAD is the verified commit, and no
// file under the manifest paths differs from it — changed, untracked or ignored (a step before ours
// may have written one). Otherwise a signed commit would vouch for files nobody signed. Once loaded,
// the same holds for every file and directory the load read (its read set), wherever it is: a
// kustomize base or a chart outside the paths, a symlink's target, a file a brace glob matched.
import { short } from './commit-scope.js';
import { pathsNotCommitted } from '../git/committed-paths.js';
import { uncommittedFiles } from '../git/uncommitted-files.js';
import { isBelow, type ReadSet } from '../load/read-set.js';
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

/** Why a file or directory the load read is not exactly `commit`, or undefined when all are. */
export async function readSetMismatch(workspace: string, commit: string, reads: ReadSet): Promise<string | undefined> {
  const head = await runTool('git', ['rev-parse', 'HEAD'], { cwd: workspace });
  if (head.code !== 0 || head.stdout.trim() !== commit)
    return `the workspace is no longer checked out at the verified commit ${short(commit)} after loading: check out the commit being applied`;
  const status = await pathsNotCommitted(workspace, reads);
  if ('error' in status) return `git could not compare the files read with the verified commit (${status.error})`;
  // What kustomize pulled during the load is named by the signed kustomization, like a HelmChart's remote chart.
  const [first, ...more] = status.paths.filter((p) => !reads.written.some((w) => w === p.path.replace(/\/$/, '') || isBelow(w, p.path)));
  if (!first) return undefined;
  const others = more.length === 0 ? '' : ` (and ${more.length} more: ${more.slice(0, 4).map(quoted).join(', ')}${more.length > 4 ? ', …' : ''})`;
  return `'${first.path}', which the load read, is not the verified commit ${short(commit)}'s (${first.why})${others}; only what was committed and signed may be applied`;
}

function quoted(p: { path: string }): string {
  return `'${p.path}'`;
}
