#!/usr/bin/env node
// dist/cli.js: checks the Node version before the bundle (dist/cli-main.js) is loaded, so an old
// Node gets one line instead of a stack trace from deep inside it, and turns on Node's compile cache,
// so a terminal's second and later runs skip compiling the 5 MB bundle (it lives in the OS temp dir).
import module from 'node:module';
import process from 'node:process';

const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 19)) {
  process.stderr.write(`kube-gitops needs Node.js 22.19 or newer; this is ${process.version}.\n`);
  process.exit(1);
}
module.enableCompileCache?.();
await import('./cli-main.js');
