// What a sweep finds on the cluster, the same for `mode: preview-sweep` and `kube-gitops preview
// --sweep`: the namespaces carrying the preview label, listed by label selector on the server (no
// other namespace is ever read), the ApplySet parent of those that are this repository's preview by
// name, labels and annotation (nothing else is read), each decided by preview-sweep-rule.ts into a
// candidate or a namespace left alone with why. Reads only.
import type { ClusterClient } from '../cluster/cluster-client.js';
import { requireCoreType } from '../cluster/resource-catalogue.js';
import type { Logger } from '../model/logger.js';
import { PREVIEW_LABEL } from './preview-identity.js';
import type { SweepRow } from './preview-sweep-markdown.js';
import { parentToRead, selectPreview, type SweepCandidate, type SweepScope } from './preview-sweep-rule.js';

export interface SweepScan {
  /** This repository's previews under the prefix, by namespace name. */
  candidates: SweepCandidate[];
  /** Every other labelled namespace, with why it is left alone. */
  alone: SweepRow[];
}

export async function scanPreviews(client: ClusterClient, scope: SweepScope, logger: Logger): Promise<SweepScan> {
  const types = await client.resourceTypes();
  const namespaceType = requireCoreType(types, 'Namespace', ', so the preview namespaces cannot be listed');
  const secretType = requireCoreType(types, 'Secret', ', so the ApplySet parents of the previews cannot be read');
  const labelled = await client.list(namespaceType, { labelSelector: `${PREVIEW_LABEL}=true` });
  logger.info(`${labelled.length} namespace(s) carry the label ${PREVIEW_LABEL}=true.`);
  const scan: SweepScan = { candidates: [], alone: [] };
  for (const namespace of labelled.sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))) {
    const name = namespace.metadata.name;
    const parent = parentToRead(namespace, scope);
    const live = parent ? await client.get(secretType, { group: '', version: 'v1', kind: 'Secret', namespace: name, name: parent }) : undefined;
    const selection = selectPreview(namespace, live, scope);
    if ('candidate' in selection) {
      scan.candidates.push(selection.candidate);
    } else {
      logger.info(`Left alone: ${name}: ${selection.alone}.`);
      scan.alone.push({ namespace: name, outcome: 'alone', why: selection.alone });
    }
  }
  return scan;
}
