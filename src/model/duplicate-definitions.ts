// One problem per object defined more than once, naming every place it comes from. An object that
// several kustomizations build from one shared base has the same file:line each time: then the
// kustomizations are what differ, and they are named (naming the base line twice says nothing).
import { formatRef, refKey, type ObjectRef } from '../objects/object-ref.js';
import { formatLocation, type Problem } from './problem.js';
import { throughSteps, type SourceLocation, type Via } from '../objects/source-location.js';

/** Places shown in full before the rest is counted. */
const SHOWN = 5;

/** A problem for each identity that occurs more than once in `objects` (in order), at its second place. */
export function duplicateDefinitions(objects: readonly { ref: ObjectRef; source: SourceLocation }[]): Problem[] {
  const byKey = new Map<string, { ref: ObjectRef; sources: SourceLocation[] }>();
  for (const o of objects) {
    const key = refKey(o.ref);
    const seen = byKey.get(key);
    if (seen) seen.sources.push(o.source);
    else byKey.set(key, { ref: o.ref, sources: [o.source] });
  }
  return [...byKey.values()]
    .filter((d) => d.sources.length > 1)
    .map((d) => ({ ref: d.ref, source: d.sources[1] as SourceLocation, message: duplicateMessage(d.ref, d.sources) }));
}

function duplicateMessage(ref: ObjectRef, sources: readonly SourceLocation[]): string {
  const times = sources.length === 2 ? 'twice' : `${sources.length} times`;
  const locations = [...new Set(sources.map(formatLocation))];
  const builders = [...new Set(sources.map(builtThrough).filter((v): v is Via => v !== undefined))];
  const kinds = [...new Set(builders.map((v) => v.name))];
  const paths = [...new Set(builders.map((v) => v.path))];
  if (locations.length === 1 && paths.length > 1) {
    return (
      `${formatRef(ref)} is defined ${times}: the ${kinds.join('s and ')}s ${listed(paths)} each build it from ${locations[0] ?? ''}. ` +
      'Build one of them per target (point path at one overlay), or give each overlay its own target.'
    );
  }
  const places = sources.map((s) => {
    const through = builtThrough(s);
    return through?.path && locations.length < sources.length ? `${formatLocation(s)} (through ${through.path})` : formatLocation(s);
  });
  return `${formatRef(ref)} is defined ${times}: ${listed([...new Set(places)].map((p) => `at ${p}`))}.`;
}

/** The outermost step the object was built through (its kustomization), if any. */
function builtThrough(source: SourceLocation): Via | undefined {
  return throughSteps(source)[0];
}

function listed(items: readonly string[]): string {
  if (items.length <= SHOWN) return items.length === 2 ? `${items[0] ?? ''} and ${items[1] ?? ''}` : items.join(', ');
  return `${items.slice(0, SHOWN).join(', ')} and ${items.length - SHOWN} more`;
}
