// Builds a kustomization with kustomize's origin annotations, without touching the user's files: a
// wrapper kustomization in a fresh temporary directory outside the workspace lists the directory
// (by a relative path: kustomize refuses absolute roots) and sets `buildMetadata:
// [originAnnotations]`. The wrapper adds nothing else, so the objects (generated names' hashes
// included) are those of a plain build. When the wrapped build fails, the plain build runs so the
// message is kustomize's own about the user's directory, never about the wrapper.
import { mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { helmChartsUse } from './kustomize-helm.js';
import { helmChartFlags, kustomizeBuild, refuseUnsafeInputs, runRenderer, type KustomizeBuildOptions } from './kustomize.js';

export interface OriginBuild {
  /** The rendered multi-document YAML, with a `config.kubernetes.io/origin` annotation per object when kustomize gave one. */
  text: string;
  /** The directory the origins' paths are relative to; absent when the build ran without origins. */
  originRoot?: string;
  /** What the build should warn about (helmCharts without their CRDs). */
  warnings: string[];
}

export async function kustomizeBuildWithOrigins(absDir: string, options: KustomizeBuildOptions): Promise<OriginBuild> {
  refuseUnsafeInputs(absDir, options);
  const extra = await helmChartFlags(absDir, options.capabilities);
  const warnings = extra.length > 0 ? helmChartsUse(absDir, options.workspace ?? absDir).warnings : [];
  const wrapper = await realpath(await mkdtemp(path.join(os.tmpdir(), 'kube-gitops-origins-')));
  try {
    const target = path.relative(wrapper, await realpath(absDir));
    if (!path.isAbsolute(target)) {
      await writeFile(
        path.join(wrapper, 'kustomization.yaml'),
        `resources:\n- ${JSON.stringify(target.split(path.sep).join('/'))}\nbuildMetadata: [originAnnotations]\n`,
      );
      const run = await runRenderer(wrapper, extra);
      if (!run.error) return { text: run.stdout, originRoot: wrapper, warnings };
    }
  } finally {
    await rm(wrapper, { recursive: true, force: true });
  }
  return { text: await kustomizeBuild(absDir, options), warnings };
}
