// The helm CLI the tests use: built from Go modules by test/cluster/build-helm.sh on first use
// (cached in ~/.cache/kube-gitops/tools/<key>), then reused. The engine finds helm on PATH, so
// tests put its directory first on PATH with `withHelmOnPath`.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { after, before } from 'node:test';
import { toolDirectory, withDirectoryOnPath } from './tool-build.js';

/** The directory holding the helm binary; builds it once per machine. */
export function helmDirectory(): Promise<string> {
  return toolDirectory('build-helm.sh', 'helm');
}

/** The helm binary's path. */
export async function helmBinary(): Promise<string> {
  return path.join(await helmDirectory(), 'helm');
}

/** Puts helm's directory first on this process's PATH (what the engine searches); returns the restore. */
export async function withHelmOnPath(): Promise<() => void> {
  return withDirectoryOnPath(await helmDirectory());
}

/** For a node:test suite: helm first on PATH from `before` to `after`; the directories `made` holds then are removed. */
export function helmForSuite(): { made: string[] } {
  const made: string[] = [];
  let restorePath: () => void = () => undefined;
  before(async () => {
    restorePath = await withHelmOnPath();
  });
  after(() => {
    restorePath();
    for (const d of made) rmSync(d, { recursive: true, force: true });
  });
  return { made };
}
