// The layering of src/, checked by `npm run lint` (dependency-cruiser). LAYERS lists src/'s folders
// (and top-level files) from the ground up: a module may import its own folder and the folders
// below it, never one above. That one rule forbids upward imports and cycles between folders; the
// `no-circular` rule forbids cycles between files inside a folder as well.
const LAYERS = [
  ['objects', 'version.ts'],
  ['model'],
  ['text', 'concurrency', 'tools'],
  ['redaction'],
  ['validation', 'cluster', 'git', 'github'],
  ['phases'],
  ['load'],
  ['inventory'],
  ['plan'],
  ['wait'],
  ['apply'],
  ['signing'],
  ['review'],
  ['render'],
  ['settings'],
  ['run'],
  ['preview'],
  ['fleet'],
  ['assembly'],
  ['action', 'cli'],
  ['main.ts', 'cli.ts'],
];

const pattern = (names) => `^src/(${names.map((n) => n.replace('.', '\\.')).join('|')})(/|$)`;

const layerRules = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `layer-${layer.join('+')}`,
  comment: `${layer.join(', ')} may import only the layers below it`,
  severity: 'error',
  from: { path: pattern(layer) },
  to: { path: pattern(LAYERS.slice(i + 1).flat()) },
}));

// Folders of one layer stay apart from each other.
const siblingRules = LAYERS.filter((layer) => layer.length > 1).flatMap((layer) =>
  layer.map((name) => ({
    name: `apart-${name}`,
    comment: `${name} does not import the other folders of its layer`,
    severity: 'error',
    from: { path: pattern([name]) },
    to: { path: pattern(layer.filter((other) => other !== name)) },
  })),
);

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    ...layerRules,
    ...siblingRules,
    {
      name: 'client-node-only-in-cluster',
      comment: 'only the cluster adapter talks to @kubernetes/client-node',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/cluster/' },
      to: { path: '@kubernetes/client-node' },
    },
    {
      name: 'actions-only-on-the-runner-side',
      comment: 'only the Action front end and the GitHub adapter import @actions/*',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(action|github)/|^src/main\\.ts$' },
      to: { path: '@actions/' },
    },
    { name: 'no-unresolvable', severity: 'error', from: {}, to: { couldNotResolve: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
