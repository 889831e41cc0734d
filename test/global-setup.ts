// node --test-global-setup: reuse a running local control plane or start one for this run,
// and stop at the end only what this run started.
import { down, up } from './cluster/control-plane.js';

let startedHere = false;

export async function globalSetup(): Promise<void> {
  const log = (line: string) => process.stderr.write(`[cluster] ${line}\n`);
  const result = await up(log);
  startedHere = !result.reused;
  if (result.reused) log(`reusing the running control plane at ${result.state.server}`);
  else log(`control plane build ${result.buildSeconds.toFixed(1)}s, start ${result.startSeconds.toFixed(1)}s (${result.state.server})`);
}

export async function globalTeardown(): Promise<void> {
  if (startedHere && process.env.KUBE_GITOPS_KEEP_CLUSTER !== 'true') await down();
}
