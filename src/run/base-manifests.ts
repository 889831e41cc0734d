// The manifests of another commit (a pull request's base, or the commit an ApplySet records as live)
// for the drift split and the git plan. When that commit holds exactly what the head's load read,
// they are the head's own objects and nothing is checked out or loaded twice. The proof: a load is a
// function of the files and directory listings it reads (every file and directory of its read set,
// and the listings below each `path` entry's root); when git finds none of those paths differing
// between the commit and HEAD, nor between HEAD and the working tree (changed, untracked, ignored,
// untracked by git, or hidden by a flag), the two loads read the same bytes and give the same
// objects. A load that followed a symlink or wrote into the workspace (a chart kustomize pulled) is
// never reused: its listings or its inputs are not all named by the read set.
import type { PresentCommit } from '../git/commit-checkout.js';
import { pathsChangedSince, pathsNotCommitted } from '../git/committed-paths.js';
import type { CapabilitiesSource } from '../load/sources/helm/helm-capabilities.js';
import type { LoadResult } from '../load/manifest-loader.js';
import { pathRoots } from '../load/path-roots.js';
import type { DesiredObject } from '../objects/desired-object.js';
import type { Settings } from '../settings/settings.js';
import { loadBase, type GitPlanDeps } from './git-fallback-plan.js';

/** The other commit's manifests, and whether they are the head's own (nothing was loaded again). */
export interface BaseManifests {
  sha: string;
  objects: DesiredObject[];
  reused: boolean;
}

/**
 * The manifests at `sha`; undefined (with a note in the log ending in `otherwise`) when they cannot be
 * read or do not load. `present` makes the commit's objects present first (a runner's shallow clone).
 */
export async function baseManifests(
  settings: Settings,
  sha: string,
  head: LoadResult,
  deps: GitPlanDeps & { present?: PresentCommit },
  otherwise: string,
  capabilities?: CapabilitiesSource,
): Promise<BaseManifests | undefined> {
  const why = await whyNotTheHeads(settings, sha, head, deps.present);
  if (why === undefined) return { sha, objects: head.objects, reused: true };
  deps.logger.debug(`The manifests at ${sha.slice(0, 7)} are loaded: ${why}`);
  const objects = await loadBase(settings, sha, deps, otherwise, capabilities);
  return objects && { sha, objects, reused: false };
}

/** Why the head's load cannot stand for the commit's, or undefined when it can. Never throws. */
async function whyNotTheHeads(settings: Settings, sha: string, head: LoadResult, present?: PresentCommit): Promise<string | undefined> {
  if (head.reads.written.length > 0) return `the load fetched ${head.reads.written[0]} into the workspace`;
  if (head.followedLinks.length > 0) return `the load followed the symlink ${head.followedLinks[0]}`;
  try {
    await present?.(settings.workspace, sha);
  } catch (error) {
    return `git could not make the commit present (${error instanceof Error ? error.message : String(error)})`;
  }
  const directories = [...new Set([...head.reads.directories, ...pathRoots(settings.paths)])].sort();
  const notCommitted = await pathsNotCommitted(settings.workspace, { files: head.reads.files, directories });
  if ('error' in notCommitted) return notCommitted.error;
  const [dirty] = notCommitted.paths;
  if (dirty) return `${dirty.path} is ${dirty.why}`;
  const changed = await pathsChangedSince(settings.workspace, sha, [...directories, ...head.reads.files]);
  if ('error' in changed) return changed.error;
  const [first] = changed.paths;
  return first === undefined ? undefined : `${first} differs from HEAD`;
}
