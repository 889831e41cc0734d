// The fleet step's plan files: every `*.json` under the `plans` directory, read recursively (the
// download step puts each artifact in a folder of its own). Each file either reads as a plan file
// or becomes an unreadable one that says why; none is dropped and none stops the others. A symbolic
// link is followed only to a file inside the directory; the walk stops at MAX_FILES files, a file
// over MAX_FILE_BYTES is not read, and reading stops at MAX_TOTAL_BYTES: each said as an unreadable
// entry or a note, so the comment names what it could not look at.
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { readPlanFileText, type PlanFileContent } from './plan-file-shape.js';

/** A plan file that reads, by its path relative to the plans directory (forward slashes). */
export interface PlanFile extends PlanFileContent {
  path: string;
}

/** A `*.json` file that is not a plan file, or was not read, and why. */
export interface UnreadablePlanFile {
  path: string;
  why: string;
}

export interface PlanFileSet {
  files: PlanFile[];
  unreadable: UnreadablePlanFile[];
  /** What the limits left out, as sentences. */
  notes: string[];
}

export interface PlanFileLimits {
  maxFiles: number;
  maxFileBytes: number;
  maxTotalBytes: number;
}

/**
 * At most 1,000 files, 32 MiB each (about 20,000 objects) and 256 MiB in all: parsed, a plan file
 * takes a few times its size in memory, and the fleet step must fail with a sentence, never run out
 * of heap, on a runner's 7 GB.
 */
export const PLAN_FILE_LIMITS: PlanFileLimits = { maxFiles: 1000, maxFileBytes: 32 * 1024 * 1024, maxTotalBytes: 256 * 1024 * 1024 };

const mib = (bytes: number): string => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MiB`;

/** The `*.json` files under `root` in a stable order (relative paths), and symbolic links that were not followed. */
function walk(root: string, realRoot: string, limits: PlanFileLimits): { found: string[]; refused: UnreadablePlanFile[]; more: number } {
  const found: string[] = [];
  const refused: UnreadablePlanFile[] = [];
  let more = 0;
  const visit = (dir: string): void => {
    const names = readdirSync(path.join(root, dir)).sort();
    for (const name of names) {
      const rel = dir ? `${dir}/${name}` : name;
      const stat = lstatSync(path.join(root, rel));
      if (stat.isDirectory()) visit(rel);
      else if (!name.endsWith('.json')) continue;
      else if (stat.isSymbolicLink() && !linksInside(path.join(root, rel), realRoot))
        refused.push({ path: rel, why: 'a symbolic link to a place outside the plans directory: not followed' });
      else if (!stat.isFile() && !stat.isSymbolicLink()) refused.push({ path: rel, why: 'not a regular file' });
      else if (found.length >= limits.maxFiles) more += 1;
      else found.push(rel);
    }
  };
  visit('');
  return { found, refused, more };
}

function linksInside(file: string, realRoot: string): boolean {
  try {
    const real = realpathSync(file);
    return real.startsWith(`${realRoot}${path.sep}`) && statSync(real).isFile();
  } catch {
    return false;
  }
}

/** Every plan file under `dir`; throws only when `dir` itself cannot be read (the caller names the input). */
export function readPlanFiles(dir: string, limits: PlanFileLimits = PLAN_FILE_LIMITS): PlanFileSet {
  const realRoot = realpathSync(dir);
  const { found, refused, more } = walk(realRoot, realRoot, limits);
  const set: PlanFileSet = { files: [], unreadable: [...refused], notes: [] };
  if (more > 0) set.notes.push(`${more} more \`*.json\` file(s) were not read: a fleet reads at most ${limits.maxFiles} plan files.`);
  let total = 0;
  for (const rel of found) {
    const size = statSync(path.join(realRoot, rel)).size;
    if (size > limits.maxFileBytes) {
      set.unreadable.push({ path: rel, why: `${mib(size)}, over the ${mib(limits.maxFileBytes)} a plan file may have: not read` });
      continue;
    }
    if (total + size > limits.maxTotalBytes) {
      set.unreadable.push({ path: rel, why: `not read: the plan files before it reached ${mib(limits.maxTotalBytes)} together` });
      continue;
    }
    total += size;
    const content = readPlanFileText(readFileSync(path.join(realRoot, rel), 'utf8'));
    if ('why' in content) set.unreadable.push({ path: rel, why: content.why });
    else set.files.push({ path: rel, ...content });
  }
  return set;
}
