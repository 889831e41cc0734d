import type { FieldPath } from './field-path.js';
import type { KubeObject } from './kube-object.js';
import type { SourceLocation } from './source-location.js';

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
  /** Its file and the line its document starts on, and what produced it from there (via). */
  source: SourceLocation;
  /** Set on the objects a HelmChart rendered. */
  chart?: ChartRendering;
}
