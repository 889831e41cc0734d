// npm run demo [-- --path ./my-manifests] [--open]: every surface a user meets, against the local
// control plane, through dist/index.js and dist/cli.js (demo/demo-steps.ts). It writes one HTML page
// showing the comments and the issue as GitHub shows them, names it, and opens it with --open when
// xdg-open or open is there. On its own shop it also refreshes demo/demo-comment.md, the README's sample.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_COMMENT_FILE, updateCommentFile } from './demo-comment.js';
import { DEMO_NAMESPACE, DemoInputError, checkUserPath } from './demo-manifests.js';
import { runDemo } from './demo-steps.js';

const HELP = `Usage: npm run demo [-- --path DIR] [--open]
  --path DIR   run the demo on your own manifests (a file or a folder), copied into the demo's repository
  --open       open the page in a browser (xdg-open or open), when one is there
`;

/** The page opened in the desktop's browser, if the machine has a way to; never required. */
function openPage(page: string): void {
  const opener = process.platform === 'darwin' ? 'open' : 'xdg-open';
  const child = spawn(opener, [page], { stdio: 'ignore', detached: true });
  child.on('error', () => process.stdout.write(`(${opener} is not available: open ${page} yourself)\n`));
  child.unref();
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { path: { type: 'string' }, open: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, strict: true });
  if (values.help) return void process.stdout.write(HELP);
  const userPath = values.path === undefined ? undefined : checkUserPath(values.path);
  const outDir = path.resolve('demo-output');
  mkdirSync(outDir, { recursive: true });
  const started = Date.now();
  const result = await runDemo({ userPath, outDir, print: (text) => process.stdout.write(text) });
  process.stdout.write(`\n\x1b[1m=== Done in ${Math.round((Date.now() - started) / 1000)} s ===\x1b[0m\n`);
  process.stdout.write(`The page with every surface as GitHub shows it: ${result.pagePath}\n`);
  if (!userPath)
    process.stdout.write(
      updateCommentFile(result.planComment)
        ? `${DEMO_COMMENT_FILE} changed: run \`npm run docs\` to refresh the README's sample.\n`
        : `${DEMO_COMMENT_FILE} is up to date.\n`,
    );
  process.stdout.write(
    `The cluster keeps running: kubectl --kubeconfig ${result.kubeconfig} get all -n ${DEMO_NAMESPACE}; stop it with npm run cluster:down\n`,
  );
  if (values.open) openPage(result.pagePath);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`demo: ${error instanceof DemoInputError || (error instanceof TypeError && 'code' in error) ? message : `failed: ${message}`}\n`);
  process.exitCode = 1;
});
