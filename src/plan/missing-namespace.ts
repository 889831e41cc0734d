// Objects whose namespace does not exist (and is not created by the change) each fail their dry-run
// with the same NotFound: they are reported as one problem per namespace, naming how many objects
// need it and where they are, instead of one identical line per object.
import { isNotFound } from '../cluster/cluster-error.js';
import type { ObjectSource } from '../objects/desired-object.js';
import type { Problem } from '../problems/problem.js';

/** Files named in full before the rest is counted. */
const FILES_SHOWN = 5;

/** Did the dry-run fail because `namespace` does not exist (`namespaces "x" not found`)? */
export function isMissingNamespace(error: unknown, namespace: string | undefined): boolean {
  return namespace !== undefined && isNotFound(error) && error.message.includes(`namespaces "${namespace}" not found`);
}

/** One problem per missing namespace, at the first object that needs it. */
export function missingNamespaceProblems(missing: ReadonlyMap<string, readonly ObjectSource[]>): Problem[] {
  return [...missing].flatMap(([namespace, sources]) => {
    const [first] = sources;
    if (!first) return [];
    const files = [...new Set(sources.map((s) => s.file))];
    const shown = files.length > FILES_SHOWN ? `${files.slice(0, FILES_SHOWN).join(', ')} and ${files.length - FILES_SHOWN} more file(s)` : files.join(', ');
    return [
      {
        ref: { group: '', version: 'v1', kind: 'Namespace', name: namespace },
        source: first,
        message:
          `Namespace ${namespace} does not exist, and ${sources.length} object(s) need it (in ${shown}). ` +
          'Add the Namespace to the manifests or create it, or set the namespace input (or their metadata.namespace) to one that exists.',
      },
    ];
  });
}
