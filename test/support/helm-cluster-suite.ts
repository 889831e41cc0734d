// For a node:test suite of charts against the local control plane: the cluster and helm first on
// PATH from `before`, and the cleanups a test registers run in reverse order in `after`.
import { after, before } from 'node:test';
import { withHelmOnPath } from './helm-binary.js';
import { testCluster, type TestCluster } from './test-cluster.js';

export interface HelmClusterSuite {
  /** The cluster (available once `before` ran). */
  cluster(): TestCluster;
  /** Run in reverse order after the suite. */
  cleanups: (() => void | Promise<void>)[];
}

export function helmClusterSuite(): HelmClusterSuite {
  let c: TestCluster | undefined;
  const cleanups: (() => void | Promise<void>)[] = [];
  before(async () => {
    c = await testCluster();
    cleanups.push(await withHelmOnPath());
  });
  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });
  return {
    cluster: () => {
      if (!c) throw new Error('the cluster is asked for before the suite started');
      return c;
    },
    cleanups,
  };
}
