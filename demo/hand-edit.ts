// The demo's hand edit: `kubectl edit` on the live object, as a person would do it, with an editor
// that changes one field we own (a ConfigMap's first value, or a Deployment's replicas) so that the
// drift check has something to find. The field manager is kubectl's own (`kubectl-edit`).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ClusterState } from '../test/cluster/control-plane.js';

/** An object the hand edit can change. */
export interface EditTarget {
  kind: 'ConfigMap' | 'Deployment';
  namespace: string;
  name: string;
}

// The editor kubectl starts: it reads the object as JSON (`kubectl edit -o json`), changes one field, writes it back.
const EDITOR = `import { readFileSync, writeFileSync } from 'node:fs';
const file = process.argv[2];
const o = JSON.parse(readFileSync(file, 'utf8').split('\\n').filter((l) => !l.startsWith('#')).join('\\n'));
if (o.kind === 'ConfigMap') { const key = Object.keys(o.data)[0]; o.data[key] = o.data[key] + '-edited-by-hand'; }
else o.spec.replicas = (o.spec.replicas ?? 1) + 1;
writeFileSync(file, JSON.stringify(o, null, 2));
`;

/** What the edit changes, said the way a person would. */
export function describeEdit(target: EditTarget): string {
  const what = target.kind === 'ConfigMap' ? 'appends -edited-by-hand to its first value' : 'adds a replica';
  return `kubectl edit ${target.kind.toLowerCase()}/${target.name} -n ${target.namespace} (${what})`;
}

/** Runs `kubectl edit` on `target` with the demo's editor; resolves once kubectl has saved the change. */
export async function handEdit(state: ClusterState, target: EditTarget): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kube-gitops-demo-editor-'));
  const script = path.join(dir, 'editor.mjs');
  writeFileSync(script, EDITOR);
  const args = [`--kubeconfig=${state.kubeconfig}`, 'edit', `${target.kind.toLowerCase()}/${target.name}`, '-n', target.namespace, '-o', 'json'];
  try {
    await new Promise<void>((resolve, reject) => {
      execFile(state.kubectl, args, { env: { ...process.env, KUBE_EDITOR: `"${process.execPath}" "${script}"` } }, (error, _stdout, stderr) =>
        error ? reject(new Error(`kubectl edit ${target.kind}/${target.name}: ${stderr.trim() || error.message}`)) : resolve(),
      );
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The first object among the live ones kubectl lists (`kubectl get -o json` of a List) that the hand edit can change. */
export function firstEditable(listJson: string): EditTarget | undefined {
  const list = JSON.parse(listJson) as { items?: { kind?: string; metadata?: { name?: string; namespace?: string }; data?: Record<string, string> }[] };
  for (const item of list.items ?? []) {
    const { name, namespace } = item.metadata ?? {};
    if (!name || !namespace) continue;
    if (item.kind === 'ConfigMap' && Object.keys(item.data ?? {}).length > 0) return { kind: 'ConfigMap', namespace, name };
    if (item.kind === 'Deployment') return { kind: 'Deployment', namespace, name };
  }
  return undefined;
}
