// A Service create as the planner records it: the manifest as written (its own key order, no
// ApplySet label) and the server's dry-run answer (defaults filled in, our label, keys sorted).
import type { KubeObject } from '../../src/objects/kube-object.js';

export const SET_ID = 'applyset-jsfTjJbHHii7DiWzskmvx1gGgrxRKqKXr-6kVUJsTFY-v1';

export function createdService(name = 'web', namespace = 'shop'): { written: KubeObject; after: KubeObject } {
  const written: KubeObject = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace },
    spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 8080 }] },
  };
  const after: KubeObject = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { labels: { 'applyset.kubernetes.io/part-of': SET_ID }, name, namespace },
    spec: {
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }],
      selector: { app: name },
      sessionAffinity: 'None',
      type: 'ClusterIP',
    },
  };
  return { written, after };
}
