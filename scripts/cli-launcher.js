#!/usr/bin/env node
// dist/cli.js: checks the Node version before the bundle (dist/cli-main.js) is loaded, so an old
// Node gets one line instead of a stack trace from deep inside it, and turns on Node's compile cache,
// so a terminal's second and later runs skip compiling the bundle.
//
// The cache lives in the user's own cache directory, never in the shared temp directory (Node's
// default): Node runs the code it finds there, so a directory another user could write to would
// let that user run code as whoever runs kube-gitops. The directory must be ours and closed to
// others (0700); if it is not, or cannot be made, the bundle is compiled without a cache.
import { lstatSync, mkdirSync } from 'node:fs';
import module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';

const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 19)) {
  process.stderr.write(`kube-gitops needs Node.js 22.19 or newer; this is ${process.version}.\n`);
  process.exit(1);
}

/** The user's cache directory for kube-gitops's compile cache, or undefined where none can be trusted. */
function compileCacheDir() {
  const home = os.homedir();
  const base =
    process.platform === 'win32'
      ? process.env.LOCALAPPDATA
      : process.platform === 'darwin'
        ? path.join(home, 'Library', 'Caches')
        : process.env.XDG_CACHE_HOME?.startsWith('/')
          ? process.env.XDG_CACHE_HOME
          : path.join(home, '.cache');
  if (!base || !path.isAbsolute(base)) return undefined;
  const dir = path.join(base, 'kube-gitops', 'node-compile-cache');
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (process.platform === 'win32') return dir;
    const stat = lstatSync(dir);
    return stat.isDirectory() && stat.uid === process.getuid?.() && (stat.mode & 0o022) === 0 ? dir : undefined;
  } catch {
    return undefined;
  }
}

const cacheDir = compileCacheDir();
if (cacheDir) module.enableCompileCache?.(cacheDir);
await import('./cli-main.js');
