// Kustomizations with `helmCharts:`: kustomize inflates them only with `--enable-helm`, running the
// helm CLI given by `--helm-command` (the helm on PATH, the one HelmChart documents use). Each
// entry that does not set `includeCRDs: true` is warned about: kustomize leaves the chart's CRDs
// out by default, unlike a HelmChart document.
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { isJsonObject } from '../../../objects/kube-object.js';
import { localReferences, walkKustomizations } from './kustomize-secrets.js';
import { relativePath } from '../../workspace-boundary.js';

const MAX_KUSTOMIZATIONS = 200;

export interface HelmChartsUse {
  /** Some kustomization in the tree lists helmCharts. */
  uses: boolean;
  /** One warning per entry without `includeCRDs: true`. */
  warnings: string[];
  /** Some entry sets its own `kubeVersion` (kustomize's global flag would override it). */
  pinsKubeVersion: boolean;
  /** The entries' own `apiVersions` (kustomize's global flag would replace them). */
  apiVersions: string[];
}

/** The helmCharts of the kustomization in `dir` and of the local kustomizations it references; paths shown relative to `shownFrom`. */
export function helmChartsUse(dir: string, shownFrom: string): HelmChartsUse {
  const warnings: string[] = [];
  const apiVersions = new Set<string>();
  let uses = false;
  let pinsKubeVersion = false;
  walkKustomizations(path.resolve(dir), MAX_KUSTOMIZATIONS, (current, doc) => {
    const charts = Array.isArray(doc.helmCharts) ? doc.helmCharts : [];
    if (charts.length > 0) uses = true;
    for (const chart of charts) {
      if (!isJsonObject(chart)) continue;
      if (typeof chart.kubeVersion === 'string' && chart.kubeVersion !== '') pinsKubeVersion = true;
      for (const v of Array.isArray(chart.apiVersions) ? chart.apiVersions : []) if (typeof v === 'string') apiVersions.add(v);
      if (chart.includeCRDs === true) continue;
      const name = typeof chart.name === 'string' ? chart.name : '?';
      warnings.push(
        `The kustomization '${relativePath(shownFrom, current)}' inflates the chart '${name}' without its CRDs: kustomize's helmCharts includeCRDs defaults to false (set includeCRDs: true to apply the chart's crds/)`,
      );
    }
    return localReferences(doc).map((ref) => path.resolve(current, ref));
  });
  return { uses, warnings, pinsKubeVersion, apiVersions: [...apiVersions] };
}

/** The flags that let kustomize inflate helmCharts with this helm; undefined when helm is not on PATH. */
export function helmFlags(): string[] | undefined {
  const helm = helmOnPath();
  return helm ? ['--enable-helm', '--helm-command', helm] : undefined;
}

function helmOnPath(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, 'helm');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}
