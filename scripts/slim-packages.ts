// Two packages enter the bundles by the parts we use, not by their index, because each index
// evaluates everything its package holds on every start:
// - undici's index builds fetch, WebSocket, EventSource, the caches, the mocks and every dispatcher;
//   we (src/cluster) and client-node's config.js use its Agent (and ProxyAgent), with the request API.
// - @kubernetes/client-node's index builds ~1,000 generated API and model classes; src/cluster uses
//   KubeConfig, HttpMethod and RequestContext. Its generated files have no side effects, so they are
//   marked so, and only what config.js calls is kept.
// client-node's watch, log, metrics, health and generated API clients import undici's fetch; none of
// them is reachable from what we use, and the stub says so if that ever changes, rather than
// bundling the 730 kB it would take. Other packages (the @actions ones) keep their own undici.
import type { Plugin } from 'esbuild';

const UNDICI_PARTS = `
import Dispatcher from 'undici/lib/dispatcher/dispatcher.js';
import api from 'undici/lib/api/index.js';
import Agent from 'undici/lib/dispatcher/agent.js';
import ProxyAgent from 'undici/lib/dispatcher/proxy-agent.js';
Object.assign(Dispatcher.prototype, api);
export { Agent, ProxyAgent };
export function fetch() {
  throw new Error('kube-gitops does not bundle undici fetch: client-node reached a part of it that kube-gitops does not use');
}
`;

const CLIENT_NODE_PARTS = `
export { KubeConfig } from '@kubernetes/client-node/dist/config.js';
export { HttpMethod, RequestContext } from '@kubernetes/client-node/dist/gen/http/http.js';
`;

const CLIENT_NODE_DIST = '/node_modules/@kubernetes/client-node/dist/';

export function slimPackages(root: string): Plugin {
  return {
    name: 'slim-packages',
    setup(b) {
      const ours = (importer: string) => importer.startsWith(`${root}/src/`) || importer.includes(CLIENT_NODE_DIST);
      b.onResolve({ filter: /^undici$/ }, (args) => (ours(args.importer) ? { path: 'undici', namespace: 'slim' } : undefined));
      b.onResolve({ filter: /^@kubernetes\/client-node$/ }, (args) => (ours(args.importer) ? { path: 'client-node', namespace: 'slim' } : undefined));
      b.onResolve({ filter: /^\.\.?\// }, async (args) => {
        if (!args.importer.includes(`${CLIENT_NODE_DIST}gen/`) && !args.importer.endsWith(`${CLIENT_NODE_DIST}config.js`)) return undefined;
        if (args.pluginData === 'slim-packages') return undefined;
        const r = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'slim-packages' });
        if (r.errors.length > 0) return { errors: r.errors };
        return r.path.includes(`${CLIENT_NODE_DIST}gen/`) ? { path: r.path, sideEffects: false } : { path: r.path };
      });
      b.onLoad({ filter: /^undici$/, namespace: 'slim' }, () => ({ contents: UNDICI_PARTS, resolveDir: root, loader: 'js' }));
      b.onLoad({ filter: /^client-node$/, namespace: 'slim' }, () => ({ contents: CLIENT_NODE_PARTS, resolveDir: root, loader: 'js' }));
    },
  };
}
