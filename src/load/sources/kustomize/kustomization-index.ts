// What each directory's kustomization file is, read once per run: kustomize config (built), a
// kustomize Component (built only by the kustomizations that list it), or a Kubernetes manifest
// that happens to be named kustomization.yaml (a Flux `Kustomization`), which is read as a file.
// Only files resolved inside the workspace are read, within the manifest size limit.
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { load } from 'js-yaml';
import { isJsonObject, type JsonValue } from '../../../objects/kube-object.js';
import { KUSTOMIZATION_FILES } from './kustomize-secrets.js';
import { namedInputs } from './kustomization-inputs.js';
import { readManifestFile } from '../../manifest-file.js';
import { isWithin, resolveInWorkspace, type Workspace } from '../../workspace-boundary.js';

export type KustomizationFileKind = 'kustomization' | 'component' | 'manifest';

export interface KustomizationInfo {
  /** The directory's real path. */
  dir: string;
  /** `kustomization.yaml`, `kustomization.yml` or `Kustomization`. */
  file: string;
  kind: KustomizationFileKind;
  /** Real paths of the files it names that are kustomize's input, with their role. */
  inputs: Map<string, string>;
}

/** A problem with the kustomization file itself (a symlink outside the workspace...), for the walk to report. */
export type KustomizationLookup = { info: KustomizationInfo } | { problem: string; file: string } | undefined;

const KUSTOMIZE_API = 'kustomize.config.k8s.io/';

export class KustomizationIndex {
  private readonly cache = new Map<string, Promise<KustomizationLookup>>();

  constructor(private readonly ws: Workspace) {}

  /** The kustomization file of the directory reached at `walkedAbs` (real path `real`), if any. */
  lookup(real: string, walkedAbs: string = real): Promise<KustomizationLookup> {
    let found = this.cache.get(real);
    if (!found) {
      found = this.read(real, walkedAbs);
      this.cache.set(real, found);
    }
    return found;
  }

  /** The kustomizations (and Components) in the directories above `realFile`, nearest first, up to the workspace. */
  async ancestors(realFile: string): Promise<KustomizationInfo[]> {
    const found: KustomizationInfo[] = [];
    for (let dir = path.dirname(realFile); isWithin(this.ws.realRoot, dir); dir = path.dirname(dir)) {
      const l = await this.lookup(dir);
      if (l && 'info' in l && l.info.kind !== 'manifest') found.push(l.info);
      if (dir === this.ws.realRoot) break;
    }
    return found;
  }

  private async read(real: string, walkedAbs: string): Promise<KustomizationLookup> {
    for (const file of KUSTOMIZATION_FILES) {
      const resolved = await resolveInWorkspace(this.ws, path.join(walkedAbs, file));
      if ('missing' in resolved) continue;
      if ('problem' in resolved) return { problem: resolved.problem, file };
      const read = await readManifestFile(resolved.inside.real);
      // kustomize reports an unreadable kustomization file itself.
      const doc = 'text' in read ? parse(read.text) : undefined;
      if (doc === 'manifest') return { info: { dir: real, file, kind: 'manifest', inputs: new Map() } };
      return { info: { dir: real, file, kind: doc?.kind === 'Component' ? 'component' : 'kustomization', inputs: await this.inputsOf(real, doc ?? {}) } };
    }
    return undefined;
  }

  private async inputsOf(dir: string, doc: Record<string, JsonValue>): Promise<Map<string, string>> {
    const inputs = new Map<string, string>();
    for (const { entry, role } of namedInputs(doc).inputs) {
      const target = await realpath(path.resolve(dir, entry)).catch(() => path.resolve(dir, entry));
      if (!inputs.has(target)) inputs.set(target, role);
    }
    return inputs;
  }
}

/** The kustomization's mapping, or `manifest` when a document declares a Kubernetes apiVersion outside kustomize's own. */
function parse(text: string): Record<string, JsonValue> | 'manifest' | undefined {
  const apiVersions = [...text.matchAll(/^apiVersion:\s*["']?([^\s"'#]+)/gm)].map((m) => m[1] ?? '');
  if (apiVersions.some((v) => !v.startsWith(KUSTOMIZE_API))) return 'manifest';
  try {
    const doc = load(text) as JsonValue;
    return isJsonObject(doc) ? doc : undefined;
  } catch {
    return undefined;
  }
}
