// One kubeconfig holding the contexts of several test clusters, as a person's ~/.kube/config holds
// one per cluster: each cluster's kubeconfig (one cluster, user and context, all named alike) with its
// names made the context's own, so `context: <name>` in a targets file picks that cluster.
import { dump, load } from 'js-yaml';

interface Named {
  name: string;
  [key: string]: unknown;
}
interface Kubeconfig {
  clusters: Named[];
  users: Named[];
  contexts: { name: string; context: { cluster: string; user: string; namespace?: string } }[];
}

/** A kubeconfig with one context per entry of `byContext` (context name → that cluster's kubeconfig text); the first is current. */
export function multiContextKubeconfig(byContext: Record<string, string>): string {
  const merged: Kubeconfig = { clusters: [], users: [], contexts: [] };
  for (const [name, text] of Object.entries(byContext)) {
    const k = load(text) as Kubeconfig;
    const [cluster, user, context] = [k.clusters[0], k.users[0], k.contexts[0]];
    if (!cluster || !user || !context) throw new Error(`the kubeconfig for ${name} lacks a cluster, user or context`);
    merged.clusters.push({ ...cluster, name: `${name}-cluster` });
    merged.users.push({ ...user, name: `${name}-user` });
    merged.contexts.push({ name, context: { ...context.context, cluster: `${name}-cluster`, user: `${name}-user` } });
  }
  return dump({ apiVersion: 'v1', kind: 'Config', ...merged, 'current-context': Object.keys(byContext)[0] ?? '' });
}
