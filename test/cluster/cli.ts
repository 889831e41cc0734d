// npm run cluster:up | cluster:down. `up` prints the kubeconfig path as its last line.
import { down, up } from './control-plane.js';

const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(command: string | undefined): Promise<void> {
  if (command === 'up') {
    const result = await up(log);
    if (result.reused) log(`reusing the running cluster at ${result.state.server}`);
    else log(`cluster started at ${result.state.server}: build ${result.buildSeconds.toFixed(1)}s, start ${result.startSeconds.toFixed(1)}s`);
    process.stdout.write(`${result.state.kubeconfig}\n`);
  } else if (command === 'down') {
    await down(log);
    log('cluster stopped and its state removed');
  } else {
    throw new Error('usage: cli.ts up|down');
  }
}

main(process.argv[2]).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
