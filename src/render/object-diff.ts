// A unified diff of two objects' YAML, hunks only (jsdiff), without our bookkeeping (bookkeeping.ts).
// A create with its manifest as written (PlanEntry.written) shows that, in the manifest's order,
// and what the server's dry-run adds besides (server-sets.ts); every other change shows the
// server's answer against the live object, so defaulted fields that did not change never show.
import { structuredPatch } from 'diff';
import type { KubeObject } from '../objects/kube-object.js';
import type { PlanEntry } from '../model/plan.js';
import { withoutBookkeeping } from './bookkeeping.js';
import { objectYaml, writtenYaml } from './object-yaml.js';
import { serverSets, type ServerSetting } from './server-sets.js';

export function objectDiff(before: KubeObject | undefined, after: KubeObject | undefined, context = 3): string {
  return hunks(objectYaml(withoutBookkeeping(before)), objectYaml(withoutBookkeeping(after)), context);
}

/** What an entry's diff shows: its hunks, and for a create shown as written, what the server also sets. */
export interface EntryDiff {
  diff: string;
  serverSets: ServerSetting[];
}

export function entryDiff(e: PlanEntry): EntryDiff {
  if (e.action !== 'create' || !e.written) return { diff: objectDiff(e.before, e.after), serverSets: [] };
  return { diff: hunks('', writtenYaml(withoutBookkeeping(e.written)), 3), serverSets: serverSets(e.written, e.after) };
}

function hunks(before: string, after: string, context: number): string {
  const patch = structuredPatch('before', 'after', before, after, '', '', { context });
  const lines: string[] = [];
  for (const h of patch.hunks) {
    lines.push(`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`);
    for (const l of h.lines) if (!l.startsWith('\\')) lines.push(l);
  }
  return lines.join('\n');
}
