// Objects whose namespace does not exist (and is not created by the change) each fail their dry-run
// with the same NotFound: they are reported as one problem per namespace, naming how many objects
// need it and where they are, instead of one identical line per object.
import { isNotFound } from '../cluster/cluster-error.js';
import type { Problem } from '../model/problem.js';
import type { SourceLocation } from '../objects/source-location.js';

/** Files named in full before the rest is counted. */
const FILES_SHOWN = 5;

/** An object planned without a dry-run (its CRD is created in this change) names a namespace that does not exist. */
export class MissingNamespaceError extends Error {
  override name = 'MissingNamespaceError';
  constructor(readonly namespace: string) {
    super(`namespaces "${namespace}" not found`);
  }
}

/** Did the dry-run fail because `namespace` does not exist (`namespaces "x" not found`)? */
export function isMissingNamespace(error: unknown, namespace: string | undefined): boolean {
  if (error instanceof MissingNamespaceError) return error.namespace === namespace;
  return namespace !== undefined && isNotFound(error) && error.message.includes(`namespaces "${namespace}" not found`);
}

/** The ApplySet parent lives in `inventory-namespace`: a namespace that neither exists nor is created here is a problem before any write. */
export function missingInventoryNamespaceProblem(namespace: string): Problem {
  return {
    ref: { group: '', version: 'v1', kind: 'Namespace', name: namespace },
    message:
      `The inventory namespace ${namespace} (input inventory-namespace) does not exist, so the ApplySet parent cannot be written there. ` +
      'Create it, add the Namespace to the manifests, or set inventory-namespace to a namespace that exists.',
  };
}

/** One problem per missing namespace, at the first object that needs it. */
export function missingNamespaceProblems(missing: ReadonlyMap<string, readonly SourceLocation[]>): Problem[] {
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
