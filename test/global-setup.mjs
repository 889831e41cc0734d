// node --test-global-setup: reuse a running local control plane or start one for this run,
// and stop at the end only what this run started: the main plane if the setup started it, the
// second plane (test/support/test-cluster.ts secondTestCluster) if a test of this run started it.
// KUBE_GITOPS_KEEP_CLUSTER=true leaves both running. (Plain JS: node loads this file before
// tsx's resolver is active, so it loads the TypeScript harness through tsx's API.)
import { tsImport } from 'tsx/esm/api';

const plane = await tsImport('./cluster/control-plane.ts', import.meta.url);
let startedHere = false;
// The test files run in child processes, which inherit the variable (RUN_ID_ENV in test-cluster.ts).
const runId = `${process.pid}-${Date.now()}`;
process.env.KUBE_GITOPS_TEST_RUN = runId;

const log = (line) => process.stderr.write(`[cluster] ${line}\n`);

export async function globalSetup() {
  const result = await plane.up(log);
  startedHere = !result.reused;
  if (result.reused) log(`reusing the running control plane at ${result.state.server}`);
  else log(`control plane build ${result.buildSeconds.toFixed(1)}s, start ${result.startSeconds.toFixed(1)}s (${result.state.server})`);
}

export async function globalTeardown() {
  if (process.env.KUBE_GITOPS_KEEP_CLUSTER === 'true') return;
  if (startedHere) await plane.down();
  if (plane.readState(plane.stateDir('second'))?.startedBy === runId) await plane.down(log, { plane: 'second' });
}
