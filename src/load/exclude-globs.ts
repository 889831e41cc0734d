// The `exclude` input → one predicate over workspace-relative paths. A glob that cannot mean what
// it says (an unclosed `[` or `{`, a path outside the workspace) is a configuration error naming
// the input: node's matcher would take it literally and exclude nothing, silently.
import path from 'node:path';
import { ConfigurationError } from '../model/errors.js';

export type ExcludeMatcher = (workspaceRelative: string) => boolean;

export function parseExcludes(globs: readonly string[]): ExcludeMatcher {
  for (const glob of globs) {
    const problem = globProblem(glob);
    if (problem)
      throw new ConfigurationError(
        `Input exclude: '${glob}' is not a valid glob: ${problem}. Write globs relative to the workspace, such as 'vendor/**' or '**/*.tmpl.yaml'.`,
        'exclude',
      );
  }
  return (rel) => globs.some((g) => path.matchesGlob(rel, g));
}

function globProblem(glob: string): string | undefined {
  if (glob.trim() === '') return 'it is empty';
  if (path.isAbsolute(glob)) return 'it is an absolute path; excludes are relative to the workspace';
  if (glob.split('/').includes('..')) return "it leaves the workspace with '..'";
  return unbalanced(glob);
}

/** The first `[` or `{` left open, or a `]`/`}` with no opener, outside escapes. */
function unbalanced(glob: string): string | undefined {
  const open: string[] = [];
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\') i++;
    else if (c === '[' && !open.includes('[')) open.push('[');
    else if (c === ']' && open.at(-1) === '[') open.pop();
    else if (c === '{' && !open.includes('[')) open.push('{');
    else if (c === '}' && open.at(-1) === '{') open.pop();
    else if (c === '}' && !open.includes('[')) return `the '}' at character ${i + 1} closes nothing`;
  }
  const left = open.at(-1);
  return left ? `the '${left}' it opens is never closed` : undefined;
}
