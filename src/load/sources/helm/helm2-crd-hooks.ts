// Helm 2's `helm.sh/hook: crd-install` (a CRD installed before the chart) is an unknown hook to
// Helm 3, which leaves such an object out of `helm template`'s output, saying so only in a log line.
// So that it is never dropped in silence, each template of the chart (and of its unpacked subcharts)
// that sets that annotation on a line of its own is rewritten in a temporary copy of the chart (the
// workspace is never written): the annotation becomes kube-gitops.io/helm2-crd-install, which helm
// does not read, so the object renders as an ordinary manifest and is applied like any other (a
// CustomResourceDefinition first, before everything it defines). The marker is taken off the
// rendered object. A crd-install hook this cannot rewrite (in a list of hooks, or built by template
// logic) is named in a warning at the HelmChart document. Packaged subcharts (.tgz) are not read.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { KubeObject } from '../../../objects/kube-object.js';
import { ownCopy } from './chart-copy.js';
import type { ChartDirectory } from './helm-chart-source.js';
import type { Workspace } from '../../workspace-boundary.js';

/** Put on a rendered crd-install object in place of its hook annotation, and taken off after the render. */
const MARKER = 'kube-gitops.io/helm2-crd-install';

/** `helm.sh/hook: crd-install` alone on its line, quoted or not. */
const REWRITABLE = /^(\s*)(["']?)helm\.sh\/hook\2\s*:\s*(["']?)crd-install\3\s*$/;

/** Any other line that names crd-install in a hook annotation. */
const MENTION = /helm\.sh\/hook.*crd-install/;

export interface CrdInstallRewrite {
  /** The chart to render: a copy with the hooks rewritten, or the chart itself when it has none. */
  chart: ChartDirectory;
  /** Templates (relative to the chart directory) that mention crd-install in a way this cannot rewrite. */
  unrewritable: string[];
}

/** The chart with every rewritable crd-install hook made an ordinary manifest; `label` shows the copy in messages. */
export async function rewriteCrdInstallHooks(c: ChartDirectory, label: string, ws: Workspace): Promise<CrdInstallRewrite> {
  const templates = await templatesMentioning(c.dir);
  if (templates.length === 0) return { chart: c, unrewritable: [] };
  const chart = await ownCopy(c, label, ws);
  const unrewritable: string[] = [];
  for (const rel of templates) {
    const file = path.join(chart.dir, rel);
    const lines = (await readFile(file, 'utf8')).split('\n');
    const rewritten = lines.map((l) => l.replace(REWRITABLE, `$1${MARKER}: "true"`));
    if (rewritten.some((l) => MENTION.test(l))) unrewritable.push(rel);
    await writeFile(file, rewritten.join('\n'));
  }
  return { chart, unrewritable };
}

/** The warning for a template whose crd-install hook could not be rewritten (after `HelmChart/<name>: `). */
export function crdInstallUnrewritable(template: string): string {
  return `the template ${template} sets Helm 2's crd-install hook in a way kube-gitops cannot rewrite (only \`helm.sh/hook: crd-install\` alone on its line is); Helm 3 leaves every object with that hook out of its output, so such an object is not applied. Move it to the chart's crds/ directory, or out of the chart.`;
}

/** Takes the marker off a rendered object; true when it had one (it was a crd-install hook). */
export function takeCrdInstallMarker(object: KubeObject): boolean {
  const annotations = object.metadata.annotations;
  if (typeof annotations !== 'object' || annotations === null || Array.isArray(annotations) || !(MARKER in annotations)) return false;
  delete annotations[MARKER];
  if (Object.keys(annotations).length === 0) delete object.metadata.annotations;
  return true;
}

/** Template files (under a `templates` directory, the chart's or an unpacked subchart's) that mention crd-install. */
async function templatesMentioning(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const out: string[] = [];
  for (const e of entries) {
    if (!e.isFile()) continue;
    const rel = path.relative(dir, path.join(e.parentPath, e.name));
    if (!rel.split(path.sep).includes('templates')) continue;
    if ((await readFile(path.join(dir, rel), 'utf8')).split('\n').some((l) => MENTION.test(l))) out.push(rel);
  }
  return out.sort();
}
