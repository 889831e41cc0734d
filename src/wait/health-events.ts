// The latest Events about an object that did not become healthy, as `Reason: message` lines,
// newest last: what `kubectl describe` would show, for the report.
import type { ClusterClient } from '../cluster/cluster-client.js';
import type { KubeObject } from '../objects/kube-object.js';
import { objectAt, stringAt } from './health-status.js';
import { EVENT_TYPE } from '../cluster/resource-catalogue.js';

/** Events to attach per failed object. */
const MAX_EVENTS = 5;

/** The object an Event must be about; `uid` (when known) filters out Events of a deleted namesake. */
export interface EventSubject {
  kind: string;
  namespace?: string;
  name: string;
  uid?: string;
}

export function subjectOf(obj: KubeObject): EventSubject {
  const { namespace, uid } = obj.metadata;
  return {
    kind: obj.kind,
    name: obj.metadata.name,
    ...(typeof namespace === 'string' && namespace !== '' ? { namespace } : {}),
    ...(typeof uid === 'string' ? { uid } : {}),
  };
}

/** Lists the Events of each subject (all namespaces for cluster-scoped ones) and keeps the latest `limit`. */
export async function latestEvents(client: ClusterClient, subjects: readonly EventSubject[], limit = MAX_EVENTS): Promise<string[]> {
  const lists = await Promise.all(
    subjects.map((s) =>
      client
        .list(EVENT_TYPE, {
          fieldSelector: `involvedObject.kind=${s.kind},involvedObject.name=${s.name}`,
          ...(s.namespace ? { namespace: s.namespace } : {}),
        })
        .then((events) => events.filter((e) => isAbout(e, s))),
    ),
  );
  return formatEvents(lists.flat(), limit);
}

function isAbout(event: KubeObject, subject: EventSubject): boolean {
  const involved = objectAt(event, 'involvedObject');
  const uid = stringAt(involved, 'uid');
  return (
    stringAt(involved, 'kind') === subject.kind &&
    stringAt(involved, 'name') === subject.name &&
    (subject.namespace === undefined || (stringAt(involved, 'namespace') ?? '') === subject.namespace) &&
    (subject.uid === undefined || uid === undefined || uid === subject.uid)
  );
}

/** `Reason: message` for the newest `limit` events, oldest first. */
export function formatEvents(events: readonly KubeObject[], limit = MAX_EVENTS): string[] {
  return [...events]
    .sort((a, b) => eventTime(a) - eventTime(b))
    .slice(-limit)
    .map((e) => `${stringAt(e, 'reason') ?? 'Unknown'}: ${(stringAt(e, 'message') ?? '').trim()}`);
}

/** When the event last happened: series and legacy timestamps, then creation. */
function eventTime(event: KubeObject): number {
  const series = objectAt(event, 'series');
  const candidates = [
    stringAt(series, 'lastObservedTime'),
    stringAt(event, 'lastTimestamp'),
    stringAt(event, 'eventTime'),
    stringAt(event, 'firstTimestamp'),
    stringAt(event.metadata, 'creationTimestamp'),
  ];
  for (const c of candidates) {
    const t = c ? Date.parse(c) : NaN;
    if (Number.isFinite(t)) return t;
  }
  return 0;
}
