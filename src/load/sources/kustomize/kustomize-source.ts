// kustomize: a directory with a kustomization, built whole with origin annotations (never its files
// one by one). Every object goes through the kustomization (via `kustomization`) and is placed at
// the file its origin names (object-origin.ts), else at the kustomization file. The build's reads
// (the kustomization and the local directories it reaches) and the charts it pulled go to the read set.
import { MAX_MANIFEST_BYTES } from '../../manifest-limits.js';
import { sizeProblem } from '../../manifest-file.js';
import { openWorkspace } from '../../workspace-boundary.js';
import type { BuiltSource, FoundSource, FoundSourceKind, SourceContext } from '../manifest-source.js';
import { kustomizationReads, pulledCharts } from './kustomization-reads.js';
import { KustomizeBuildError } from './kustomize.js';
import { kustomizeBuildWithOrigins } from './kustomize-origins.js';
import { placeByOrigin } from './object-origin.js';
import { COMPONENT_ASIDE, KustomizationShape } from './kustomization-shape.js';

/** How an object's source names the kustomization it was built through. */
export const KUSTOMIZATION_VIA = 'kustomization';

/** What the walk finds of kustomize: a directory with a kustomization (kustomization-index.ts). */
export const KUSTOMIZATION_KIND = 'kustomization';

export const kustomizeSource: FoundSourceKind = {
  name: 'kustomize',
  found: KUSTOMIZATION_KIND,
  shape: (ws) => new KustomizationShape(ws),
  noteAside(met, logger) {
    for (const dir of met.aside.get(COMPONENT_ASIDE) ?? [])
      logger.info(`Not built on its own: the kustomize Component '${dir}' (it builds inside the kustomizations that list it under components)`);
  },
  fileOf: (found) => `${found.relPath === '.' ? '' : `${found.relPath}/`}${found.marker ?? 'kustomization.yaml'}`,
  build,
};

async function build(found: FoundSource, ctx: SourceContext): Promise<BuiltSource> {
  const { workspace, capabilities, reads } = ctx;
  const read = await kustomizationReads(found.realPath, await openWorkspace(workspace));
  if ('problem' in read) return { problem: read.problem };
  reads.add(read.reads);
  const producedBy = `the output of kustomize build of '${found.relPath}'`;
  try {
    const { text, originRoot, warnings } = await kustomizeBuildWithOrigins(found.realPath, {
      displayDir: found.relPath,
      workspace,
      ...(capabilities ? { capabilities } : {}),
    });
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > MAX_MANIFEST_BYTES) return { problem: `${producedBy} ${sizeProblem(bytes)}` };
    return {
      text,
      output: {
        producedBy,
        sopsRefusal: 'kustomize does not decrypt; list the encrypted file in the paths input instead, where kube-gitops decrypts it',
      },
      via: { name: KUSTOMIZATION_VIA, path: found.relPath, relation: 'through' },
      warnings,
      locate: (objects) => placeByOrigin(objects, workspace, originRoot),
    };
  } catch (error) {
    if (!(error instanceof KustomizeBuildError)) throw error;
    return {
      problem: `kustomize build of '${found.relPath}' ${error.source ? 'refused' : 'failed'}: ${error.message}`,
      ...(error.source ? { at: error.source } : {}),
    };
  } finally {
    for (const pulled of await pulledCharts(read.chartHomes)) reads.addWritten(pulled);
  }
}
