// Files a glob, a file entry or a walk below a kustomization picked up that are kustomize's input:
// a kustomization's own file and the files in its directory, and whatever it names other than its
// resources (patches, configurations, generator sources...), however deep. They are never read
// as manifests; each kustomization (or Component) gets one problem listing them and saying what
// to point `path` at. Resource files in its subdirectories are complete manifests and stay
// readable (a `manifests/` directory a root kustomization lists, given as the path).
import path from 'node:path';
import type { Problem } from '../../../model/problem.js';
import type { KustomizationIndex, KustomizationInfo } from './kustomization-index.js';
import type { Found } from '../manifest-source.js';
import { realRelative, type Workspace } from '../../workspace-boundary.js';

const LISTED = 5;

interface Member {
  found: Found;
  role: string;
}

/** The files that belong to a kustomization, grouped as problems; the rest are returned to be read. */
export async function withoutKustomizationInputs(ws: Workspace, index: KustomizationIndex, files: readonly Found[], problems: Problem[]): Promise<Found[]> {
  const members = new Map<string, { owner: KustomizationInfo; files: Member[] }>();
  const kept: Found[] = [];
  for (const f of files) {
    const owned = await ownerOf(index, f);
    if (!owned) {
      kept.push(f);
      continue;
    }
    const group = members.get(owned.owner.dir) ?? { owner: owned.owner, files: [] };
    group.files.push({ found: f, role: owned.role });
    members.set(owned.owner.dir, group);
  }
  for (const { owner, files: list } of members.values()) problems.push(membershipProblem(ws, owner, list));
  return kept;
}

async function ownerOf(index: KustomizationIndex, f: Found): Promise<{ owner: KustomizationInfo; role: string } | undefined> {
  for (const owner of await index.ancestors(f.real)) {
    const named = owner.inputs.get(f.real);
    if (named) return { owner, role: named };
    if (path.dirname(f.real) !== owner.dir) continue;
    return { owner, role: path.basename(f.real) === owner.file ? 'its kustomization file' : 'a file in its directory' };
  }
  return undefined;
}

function membershipProblem(ws: Workspace, owner: KustomizationInfo, list: readonly Member[]): Problem {
  const dir = realRelative(ws, owner.dir);
  const shown = list
    .slice(0, LISTED)
    .map((m) => `'${m.found.walked}' (${m.role})`)
    .join(', ');
  const more = list.length > LISTED ? ` and ${list.length - LISTED} more` : '';
  const these = list.length === 1 ? 'it is' : 'they are';
  const what =
    owner.kind === 'component'
      ? `the kustomize Component '${dir}', which builds only inside a kustomization that lists it under components: point path at that kustomization`
      : `the kustomization '${dir}': point path at '${dir}' to build it`;
  const first = list[0]?.found.walked ?? dir;
  return {
    message: `${shown}${more} belong${list.length === 1 ? 's' : ''} to ${what}, or exclude ${list.length === 1 ? 'it' : 'them'}; ${these} kustomize's input, not manifests to read one by one`,
    source: { file: first, line: 1 },
  };
}
