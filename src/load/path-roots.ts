// The directories a `path` entry can reach, as git pathspecs: a plain entry is itself, a glob is cut
// at its first segment holding a glob character (`deploy/*/app.yaml` → `deploy`, `*.yaml` → `.`).
// Whatever the entry matches lies below its root, so a root equal in two trees means the entry
// matches the same files in both. Pure.

/** The characters that make a `path` entry a glob (Node's `fs.glob`). */
export const GLOB_CHARS = /[*?[\]{}]/;

/** The roots of the entries, de-duplicated, each without a trailing slash; `.` is the workspace. */
export function pathRoots(entries: readonly string[]): string[] {
  return [...new Set(entries.map(rootOf))].sort();
}

function rootOf(entry: string): string {
  const segments = entry.split('/').filter((s) => s !== '' && s !== '.');
  const firstGlob = segments.findIndex((s) => GLOB_CHARS.test(s));
  const kept = firstGlob === -1 ? segments : segments.slice(0, firstGlob);
  return kept.length === 0 ? '.' : kept.join('/');
}
