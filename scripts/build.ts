// The bundles users run: dist/index.js (the Action, with licenses.txt) and the command line's
// dist/cli-main.js, each one ESM file made by esbuild, started by dist/cli.js (scripts/cli-launcher.js:
// the Node version check and the compile cache). `npm run build` type-checks, then writes them to
// dist/; the dist-fresh test writes them to a temporary directory and compares.
//
// esbuild rather than ncc: it drops what nothing calls (client-node's 16 MB of generated API classes,
// which ncc kept and every start evaluated), so the CLI starts in about half the time, and it bundles
// in two seconds instead of fifty. undici and client-node enter by the parts we use (slim-packages.ts).
import { chmodSync, copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isBuiltin } from 'node:module';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { licensesText } from './bundle-licenses.js';
import { slimPackages } from './slim-packages.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

// Bundled CommonJS packages call require() for Node's modules; an ESM file has none of its own.
const REQUIRE_BANNER = "import { createRequire as __kubeGitopsCreateRequire } from 'node:module';\nconst require = __kubeGitopsCreateRequire(import.meta.url);";

/**
 * Node's own modules are taken with require(), not imported: importing one as ESM builds its module
 * facade, which reads every export, and so runs the lazy getters (node:http's WebSocket loads Node's
 * internal undici, node:crypto's webcrypto its Web Crypto): 100 ms and more of each start, for nothing.
 */
const BUILTINS_BY_REQUIRE: Plugin = {
  name: 'builtins-by-require',
  setup(b) {
    b.onResolve({ filter: /^[a-z:_/]+$/ }, (args) => {
      if (!isBuiltin(args.path)) return undefined;
      return args.namespace === 'builtin' ? { path: args.path, external: true } : { path: args.path, namespace: 'builtin' };
    });
    b.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
  },
};

const COMMON: BuildOptions = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  minify: true,
  legalComments: 'none',
  banner: { js: REQUIRE_BANNER },
  plugins: [slimPackages(root), BUILTINS_BY_REQUIRE],
  metafile: true,
  logLevel: 'warning',
};

/** Both bundles, the launcher, dist/package.json and the Action's licenses.txt. */
export async function buildBundles(outDir: string): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const [action] = await Promise.all([
    build({ ...COMMON, entryPoints: ['src/main.ts'], outfile: path.join(outDir, 'index.js') }),
    build({ ...COMMON, entryPoints: ['src/cli.ts'], outfile: path.join(outDir, 'cli-main.js') }),
  ]);
  writeFileSync(path.join(outDir, 'licenses.txt'), licensesText(root, Object.keys(action.metafile?.inputs ?? {})));
  writeFileSync(path.join(outDir, 'package.json'), '{\n  "type": "module"\n}\n');
  copyFileSync(path.join(root, 'scripts/cli-launcher.js'), path.join(outDir, 'cli.js'));
  chmodSync(path.join(outDir, 'cli.js'), 0o755);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(root, 'scripts/build.ts')) await buildBundles(path.join(root, 'dist'));
