// A unified diff of two objects' YAML, hunks only (jsdiff).
import { structuredPatch } from 'diff';
import type { KubeObject } from '../objects/kube-object.js';
import { objectYaml } from './object-yaml.js';

export function objectDiff(before: KubeObject | undefined, after: KubeObject | undefined, context = 3): string {
  const patch = structuredPatch('before', 'after', objectYaml(before), objectYaml(after), '', '', { context });
  const lines: string[] = [];
  for (const h of patch.hunks) {
    lines.push(`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`);
    for (const l of h.lines) if (!l.startsWith('\\')) lines.push(l);
  }
  return lines.join('\n');
}
