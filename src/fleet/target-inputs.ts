// Whether a changed path is an input of a target, and why. A path that exists at the head is an
// input exactly when the target's load read it: a file it read, a path under a directory it read
// whole, or a folder (a symlink's target) holding what it read. A path gone at the head (deleted or
// renamed away) was read, if at all, by the base's load: it is an input when it lies under a
// directory the load reads whole or under one of the target's `path` entries (a glob matching it
// or a folder above it), outside its `exclude`. The head's load names what else the base read: a
// file it referenced changed too, or the load fails and the target is planned anyway.
import path from 'node:path';
import { isBelow, type ReadSet } from '../load/read-set.js';
import type { ChangedLocation } from './changed-locations.js';

/** A target's `path` entry as the load took it: a glob, or a path (workspace-relative, as written and real). */
export interface PathEntry {
  entry: string;
  glob: boolean;
  /** The entry's workspace-relative forms (as written, normalised; and real, when it exists). */
  forms: string[];
}

/** What a target reads: the load's read set and its `path` and `exclude` entries. */
export interface TargetInputs {
  reads: ReadSet;
  /** `reads.files`, for look-ups. */
  files: ReadonlySet<string>;
  entries: PathEntry[];
  excluded: (workspaceRelative: string) => boolean;
}

const GLOB_CHARS = /[*?[\]{}]/;

/** A `path` entry, its real form resolved by `realForm` (undefined when it does not exist or leaves the workspace). */
export function pathEntry(entry: string, realForm: string | undefined): PathEntry {
  const written = path.posix.normalize(entry.replace(/\/+$/, '') || '.');
  return { entry, glob: GLOB_CHARS.test(entry), forms: [...new Set([written, ...(realForm === undefined ? [] : [realForm])])] };
}

/** Why `change` is an input of the target (one short sentence, paths quoted), or undefined when it is not. */
export function inputReason(change: ChangedLocation, inputs: TargetInputs): string | undefined {
  for (const form of change.forms) {
    const why = change.exists ? readReason(form, change.folder, inputs) : goneReason(form, inputs);
    if (why !== undefined) return why;
  }
  return change.exists ? undefined : besideReason(change.existingFolder, inputs);
}

/**
 * A path gone at the head whose folder still holds files the target reads: the load may have reached
 * that folder through a symlink or a glob that names neither the path nor its folder, and a deleted
 * file leaves no trace in the head's read set. Planned (failing open), unless the folder is the
 * workspace's top, which would reach every target for any file deleted there.
 */
function besideReason(folder: string | undefined, { files }: TargetInputs): string | undefined {
  if (folder === undefined || folder === '.') return undefined;
  const beside = [...files].find((f) => isBelow(folder, f));
  return beside === undefined ? undefined : `gone at the head from \`${folder}\`, beside \`${beside}\` that its load reads`;
}

function readReason(form: string, folder: boolean, { reads, files }: TargetInputs): string | undefined {
  if (files.has(form)) return 'its load reads it';
  const whole = wholeReason(form, reads);
  if (whole !== undefined || !folder) return whole;
  const held = [...reads.directories, ...reads.files].find((r) => isBelow(form, r));
  return held === undefined ? undefined : `its load reads \`${held}\` inside it`;
}

function goneReason(form: string, inputs: TargetInputs): string | undefined {
  const whole = wholeReason(form, inputs.reads);
  if (whole !== undefined) return `gone at the head, ${whole}`;
  if (inputs.excluded(form)) return undefined;
  const entry = inputs.entries.find((e) => e.forms.some((f) => (e.glob ? globReaches(f, form) : f === form || isBelow(f, form))));
  return entry === undefined ? undefined : `gone at the head, under its path \`${entry.entry}\``;
}

function wholeReason(form: string, reads: ReadSet): string | undefined {
  const whole = reads.directories.find((d) => d === form || isBelow(d, form));
  return whole === undefined ? undefined : `inside \`${whole}\`, which its load reads whole`;
}

/** Whether the glob matches the path or one of the folders above it (a glob naming a directory walks it). */
function globReaches(glob: string, form: string): boolean {
  for (let p = form; p !== '.' && p !== ''; p = path.posix.dirname(p)) if (path.matchesGlob(p, glob)) return true;
  return false;
}
