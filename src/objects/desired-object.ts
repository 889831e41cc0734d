import type { FieldPath } from './field-path.js';
import type { KubeObject } from './kube-object.js';

/** Where a loaded object came from: its file and the line its document starts on. */
export interface ObjectSource {
  /** Path relative to the workspace, with forward slashes. */
  file: string;
  /** 1-based line of the document (or List item) in `file`. */
  line: number;
  /**
   * For kustomize output: the kustomization directory it was rendered from. Then `file` is the file
   * that defines the object (its resource file, or the kustomization whose generator made it, as
   * kustomize's origin says), or the directory's kustomization file when kustomize gives no origin.
   */
  kustomization?: string;
  /**
   * For a chart's output: the template that rendered the object (`shop/templates/deployment.yaml`,
   * from helm's `# Source:` comment). Then `file:line` is the HelmChart document.
   */
  template?: string;
}

/** For a chart's output: how the chart was rendered. */
export interface ChartRendering {
  /** `helm version --short` of the helm that rendered it. */
  helmVersion: string;
  /** The load's Capabilities (before the HelmChart's own kubeVersion and apiVersions); absent: helm's built-in ones. */
  capabilities?: { kubeVersion: string; apiVersions: string[] };
  /** Paths whose value differed between two renders of the chart (`['data', 'password']`); never the values. */
  nonDeterministic: FieldPath[];
  /** Marked in its chart with Helm 2's `helm.sh/hook: crd-install`, which Helm 3 leaves out; rendered as an ordinary object. */
  helm2CrdInstall?: true;
}

/** One object the repository asks for, with where it was written. */
export interface DesiredObject {
  object: KubeObject;
  source: ObjectSource;
  /** Set on the objects a HelmChart rendered. */
  chart?: ChartRendering;
}
