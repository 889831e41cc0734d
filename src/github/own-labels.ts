// Which labels to add to and remove from an issue or pull request so that its labels with our prefix
// are exactly the wanted ones. Pure. A label without the prefix (a person's, another tool's) is never
// in the removals, whatever is wanted; a wanted label without the prefix is refused, so a caller
// cannot add a label it would not later clean up.
import type { LabelChange } from './github-port.js';

export function ownLabelChange(current: readonly string[], prefix: string, wanted: readonly string[]): LabelChange {
  if (prefix === '') throw new Error('our labels need a prefix, or every label on the pull request would count as ours');
  const foreign = wanted.filter((name) => !name.startsWith(prefix));
  if (foreign.length > 0) throw new Error(`labels ${foreign.join(', ')} do not start with ${prefix}`);
  return {
    added: [...new Set(wanted)].filter((name) => !current.includes(name)),
    removed: current.filter((name) => name.startsWith(prefix) && !wanted.includes(name)),
  };
}
