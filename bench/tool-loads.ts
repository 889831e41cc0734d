// Loading a kustomization and a Helm chart through our loader, next to the ecosystem's tool alone
// (`kubectl kustomize`, `helm template` with the same chart, values and flags): what our loading adds
// (parsing, validation, origins, the chart's second render) over the tool's own work. Medians of 5.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { RecordingLogger } from '../src/model/logger.js';
import { loadManifests } from '../src/load/manifest-loader.js';
import { helmBinary, withHelmOnPath } from '../test/support/helm-binary.js';
import { median, root, time } from './bench-kit.js';

function run(command: string, argv: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) =>
    execFile(command, argv, { cwd, maxBuffer: 256 * 1024 * 1024 }, (error, _out, stderr) =>
      error ? reject(new Error(`${command} ${argv.join(' ')}: ${stderr.slice(0, 400)}`)) : resolve(),
    ),
  );
}

async function medianOf(fn: () => Promise<unknown>, runs: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(await time(fn));
  return Math.round(median(samples));
}

/** Medians of `runs` (5 by default, 3 with --quick). */
export async function measureToolLoads(runs = 5): Promise<Record<string, number>> {
  const kp = path.resolve(root, '../shared/corpus/kube-prometheus');
  const charts = path.join(root, 'test/fixtures/charts');
  const helm = await helmBinary();
  const restore = await withHelmOnPath();
  try {
    const load = (workspace: string, paths: string[]) => () => loadManifests({ workspace, paths, exclude: [], logger: new RecordingLogger() });
    return {
      loadKubePrometheusKustomizeMs: await medianOf(load(kp, ['.']), runs),
      kubectlKustomizeKubePrometheusMs: await medianOf(() => run('kubectl', ['kustomize', '.'], kp), runs),
      loadHelmChartShopMs: await medianOf(load(charts, ['deploy']), runs),
      helmTemplateShopMs: await medianOf(
        () =>
          run(
            helm,
            [
              'template',
              'shop',
              './shop',
              '--namespace',
              'shop',
              '--include-crds',
              '--skip-tests',
              '-f',
              'values/production.yaml',
              '--set',
              'greeting=hello from inline values',
            ],
            charts,
          ),
        runs,
      ),
    };
  } finally {
    restore();
  }
}
