// Reads one manifest file whose path was resolved inside the workspace: a regular file only
// (a pipe would block, a device never ends), at most MAX_MANIFEST_BYTES.
import { errorCode } from '../model/errors.js';
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { MAX_MANIFEST_BYTES, formatBytes } from './manifest-limits.js';
import { describeFileType } from './workspace-boundary.js';

export type FileRead = { text: string } | { problem: string };

/** Completes "<what> …": the size and the limit, for a file or a kustomize output. */
export function sizeProblem(bytes: number): string {
  return `is ${bytes} bytes, over the limit of ${MAX_MANIFEST_BYTES} bytes (${formatBytes(MAX_MANIFEST_BYTES)}) for one manifest file or kustomize output; split it`;
}

/**
 * `real` has no symlink left (it is a realpath): opening it with O_NOFOLLOW keeps it so, and
 * O_NONBLOCK keeps a pipe swapped in meanwhile from blocking; the open file is checked again.
 */
export async function readManifestFile(real: string): Promise<FileRead> {
  let handle;
  try {
    handle = await open(real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    return { problem: `cannot be read (${errorCode(error) ?? 'unknown error'})` };
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { problem: `is ${describeFileType(info)}, not a regular file: only regular files are read` };
    if (info.size > MAX_MANIFEST_BYTES) return { problem: sizeProblem(info.size) };
    return { text: await handle.readFile('utf8') };
  } finally {
    await handle.close();
  }
}
