// How kustomize looks to the walk: a directory with a kustomization file is built whole; one with a
// kustomize Component is set aside (it builds only inside the kustomizations that list it); a
// kustomization.yaml that is a Kubernetes manifest (a Flux `Kustomization`) leaves its directory a
// plain one, the file read like the others. Walked files that are a kustomization's input are
// never read as manifests (kustomization-membership.ts).
import type { Problem } from '../../../model/problem.js';
import type { Workspace } from '../../workspace-boundary.js';
import type { AsideClaim, AsideRecorder, DirectoryClaim, Found, SourceShape } from '../manifest-source.js';
import { KustomizationIndex } from './kustomization-index.js';
import { withoutKustomizationInputs } from './kustomization-membership.js';

/** The key the resolver lists the Components a walk met under. */
export const COMPONENT_ASIDE = 'component';

const COMPONENT: AsideClaim = {
  claim: 'aside',
  aside: COMPONENT_ASIDE,
  met: false,
  namedDirectly: (entry, dir) =>
    `path '${entry}': '${dir}' is a kustomize Component (kind: Component), which builds only inside a kustomization that lists it under components; point path at that kustomization`,
  onlyThese: (entry) =>
    `path '${entry}' holds only kustomize Components, which build only inside the kustomizations that list them under components; point path at those kustomizations`,
};

export class KustomizationShape implements SourceShape {
  private readonly index: KustomizationIndex;

  constructor(private readonly ws: Workspace) {
    this.index = new KustomizationIndex(ws);
  }

  async claimDirectory(real: string, walkedAbs: string): Promise<DirectoryClaim | undefined> {
    const found = await this.index.lookup(real, walkedAbs);
    if (!found) return undefined;
    if ('problem' in found) return { claim: 'problem', problem: found.problem, file: found.file };
    const { kind, file } = found.info;
    if (kind === 'manifest') return { claim: 'read-file', file };
    if (kind === 'component') return { ...COMPONENT, marker: file };
    return { claim: 'build', marker: file };
  }

  claimFiles(files: readonly Found[], _aside: AsideRecorder, problems: Problem[]): Promise<Found[]> {
    return withoutKustomizationInputs(this.ws, this.index, files, problems);
  }
}
