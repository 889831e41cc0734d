import type { KubeObject } from './kube-object.js';

/** Where a loaded object came from: its file and the line its document starts on. */
export interface ObjectSource {
  /** Path relative to the workspace, with forward slashes. */
  file: string;
  /** 1-based line of the document (or List item) in `file`. */
  line: number;
  /** For kustomize output: the kustomization directory it was rendered from (then `file` is that directory's kustomization file). */
  kustomization?: string;
}

/** One object the repository asks for, with where it was written. */
export interface DesiredObject {
  object: KubeObject;
  source: ObjectSource;
}
