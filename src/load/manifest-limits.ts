// The documented limits on what one run reads, so a hostile or broken repository fails fast
// instead of exhausting the runner's memory or CPU.

/**
 * Largest manifest file read, and largest kustomize output accepted: 32 MiB.
 * The API server stores an object of at most ~1.5 MiB (etcd's request limit), so this holds
 * more than 20 objects of the largest size there is; the largest file of the real-world
 * corpus (the prometheus-operator bundle of CRDs) is 4 MiB.
 */
export const MAX_MANIFEST_BYTES = 32 * 1024 * 1024;

/**
 * Most nodes that YAML aliases (`*name`) may add in one run, every alias counted as a full
 * copy of what it names. A "billion laughs" document of a few hundred bytes adds hundreds of
 * millions; real manifests add none or a few hundred.
 */
export const MAX_ALIAS_NODES = 1_000_000;

/** Deepest nesting of a document with its aliases expanded: js-yaml's own limit without them. */
export const MAX_NESTING_DEPTH = 100;

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MiB` : `${bytes} bytes`;
}
