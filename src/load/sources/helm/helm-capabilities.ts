// The Capabilities a chart is rendered with: the live cluster's Kubernetes version and API versions
// (`--kube-version`, `--api-versions`), so charts that gate objects on `.Capabilities.APIVersions`
// render what they will really deploy. Without them helm uses its built-in ones.

/** What `helm template` is told about the cluster. */
export interface HelmCapabilities {
  /** `v1.36.3`. */
  kubeVersion: string;
  /** `group/version` and `group/version/Kind` of every served resource (`v1`, `v1/ConfigMap` for the core group). */
  apiVersions: string[];
}

/** Asked once per load, only when a HelmChart document is found; undefined renders with helm's built-in Capabilities. */
export type CapabilitiesSource = () => Promise<HelmCapabilities | undefined>;

export function capabilityArgs(c: HelmCapabilities | undefined): string[] {
  if (!c) return [];
  return [...(/^v?\d+\.\d+/.test(c.kubeVersion) ? ['--kube-version', c.kubeVersion] : []), ...c.apiVersions.flatMap((v) => ['--api-versions', v])];
}

/** The API versions helm's `.Capabilities.APIVersions.Has` accepts, from discovery's resource types. */
export function apiVersionsOf(types: readonly { group: string; version: string; kind: string }[]): string[] {
  const out = new Set<string>();
  for (const t of types) {
    const gv = t.group === '' ? t.version : `${t.group}/${t.version}`;
    out.add(gv);
    out.add(`${gv}/${t.kind}`);
  }
  return [...out].sort();
}
