// Our own bookkeeping on every object we apply: the ApplySet label that makes it a member, and the
// annotations that say it came from a SOPS file. A reviewer never wrote them, so no diff shows them
// (creates, updates, deletes alike); the plan file keeps them.
import { isJsonObject, type KubeObject } from '../objects/kube-object.js';
import { PART_OF_LABEL } from '../inventory/applyset.js';

const OUR_LABELS: readonly string[] = [PART_OF_LABEL];
const OUR_ANNOTATION_PREFIX = 'kube-gitops.io/sops-';

/** The object without our labels and annotations (a copy when there were any; empty maps left out). */
export function withoutBookkeeping(obj: KubeObject | undefined): KubeObject | undefined {
  if (!obj) return undefined;
  const { labels, annotations, ...meta } = obj.metadata;
  const keptLabels = isJsonObject(labels) ? Object.entries(labels).filter(([k]) => !OUR_LABELS.includes(k)) : [];
  const keptAnnotations = isJsonObject(annotations) ? Object.entries(annotations).filter(([k]) => !k.startsWith(OUR_ANNOTATION_PREFIX)) : [];
  const same =
    (!isJsonObject(labels) || keptLabels.length === Object.keys(labels).length) &&
    (!isJsonObject(annotations) || keptAnnotations.length === Object.keys(annotations).length);
  if (same) return obj;
  // Keys stay where they were: the written form keeps the manifest's order.
  const metadata: Record<string, unknown> = {};
  for (const key of Object.keys(obj.metadata)) {
    if (key === 'labels') {
      if (keptLabels.length > 0) metadata.labels = Object.fromEntries(keptLabels);
    } else if (key === 'annotations') {
      if (keptAnnotations.length > 0) metadata.annotations = Object.fromEntries(keptAnnotations);
    } else metadata[key] = meta[key];
  }
  return { ...obj, metadata: metadata as KubeObject['metadata'] };
}
