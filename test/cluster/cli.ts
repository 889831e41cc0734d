// npm run cluster:up | cluster:down [-- second]. `up` prints the kubeconfig path as its last line.
// Without a plane name: the main plane; `second`: the second plane (etcd + kube-apiserver only).
import { down, up, type PlaneName } from './control-plane.js';

const log = (line: string) => process.stderr.write(`${line}\n`);

function planeOf(arg: string | undefined): PlaneName {
  if (arg === undefined || arg === 'main') return 'main';
  if (arg === 'second') return 'second';
  throw new Error(`unknown plane '${arg}': main or second`);
}

async function main(command: string | undefined, planeArg: string | undefined): Promise<void> {
  const plane = planeOf(planeArg);
  if (command === 'up') {
    const result = await up(log, { plane });
    if (result.reused) log(`reusing the running cluster at ${result.state.server}`);
    else log(`cluster started at ${result.state.server}: build ${result.buildSeconds.toFixed(1)}s, start ${result.startSeconds.toFixed(1)}s`);
    process.stdout.write(`${result.state.kubeconfig}\n`);
  } else if (command === 'down') {
    await down(log, { plane });
    log('cluster stopped and its state removed');
  } else {
    throw new Error('usage: cli.ts up|down [main|second]');
  }
}

main(process.argv[2], process.argv[3]).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
