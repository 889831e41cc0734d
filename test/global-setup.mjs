// node --test-global-setup: reuse a running local control plane or start one for this run,
// and stop at the end only what this run started. (Plain JS: node loads this file before
// tsx's resolver is active, so it loads the TypeScript harness through tsx's API.)
import { tsImport } from 'tsx/esm/api';

const plane = await tsImport('./cluster/control-plane.ts', import.meta.url);
let startedHere = false;

export async function globalSetup() {
  const log = (line) => process.stderr.write(`[cluster] ${line}\n`);
  const result = await plane.up(log);
  startedHere = !result.reused;
  if (result.reused) log(`reusing the running control plane at ${result.state.server}`);
  else log(`control plane build ${result.buildSeconds.toFixed(1)}s, start ${result.startSeconds.toFixed(1)}s (${result.state.server})`);
}

export async function globalTeardown() {
  if (startedHere && process.env.KUBE_GITOPS_KEEP_CLUSTER !== 'true') await plane.down();
}
