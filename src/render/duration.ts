/** A duration as reports show it: `1.2 s`. */
export function formatDuration(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
