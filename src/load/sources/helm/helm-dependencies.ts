// Chart dependencies: when Chart.yaml declares dependencies that charts/ lacks (or holds at another
// version: `helm template` only checks names), `helm dependency build` fetches them. Never in the
// workspace: a local chart is first copied to a temporary directory, which is built and rendered
// instead (a pulled chart is already in one). The copy keeps the chart's place relative to the
// workspace, and each relative file:// dependency inside the workspace is copied beside it where
// it is in the workspace, so helm resolves it as from the workspace; the copy's dependencies are
// checked again before the build (helm-chart-files.ts): none may lead out of the copy or the workspace.
// The build runs in a temporary helm home holding the chart's repositories (helm-dependency-home.ts).
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { load } from 'js-yaml';
import { isJsonObject } from '../../../objects/kube-object.js';
import type { ChartDirectory, Found } from './helm-chart-source.js';
import { ownCopy } from './chart-copy.js';
import { checkCopiedDependencies } from './helm-chart-files.js';
import { HelmCommandError, runHelm } from './helm-command.js';
import { inDependencyHome } from './helm-dependency-home.js';
import type { ReadSetBuilder } from '../../read-set.js';
import type { Workspace } from '../../workspace-boundary.js';

/** The chart, with its dependencies in charts/; `label` is how messages show the chart's directory. */
export async function withDependencies(c: ChartDirectory, label: string, ws: Workspace, reads?: ReadSetBuilder): Promise<Found<ChartDirectory>> {
  if (!(await declaresDependencies(c.dir))) return c;
  let copy: string | undefined;
  try {
    if (await dependenciesPresent(c)) return c;
    const built = await ownCopy(c, label, ws);
    copy = built === c ? undefined : built.temporary.at(-1);
    const problem = await build(built, copy, ws, reads);
    if (problem === undefined) copy = undefined;
    return problem === undefined ? built : { problem };
  } catch (error) {
    if (!(error instanceof HelmCommandError)) throw error;
    return {
      problem: error.missing
        ? error.message
        : `the chart's dependencies could not be fetched (\`helm dependency build\`): ${unreachable(error) ?? error.message}`,
    };
  } finally {
    // A copy that was not built is removed here; a built one is the caller's to remove.
    if (copy !== undefined) await rm(copy, { recursive: true, force: true });
  }
}

/** Checks the copy's file:// dependencies, then runs `helm dependency build` in a temporary helm home; a problem otherwise. */
async function build(built: ChartDirectory, copy: string | undefined, ws: Workspace, reads?: ReadSetBuilder): Promise<string | undefined> {
  const checked = copy === undefined ? undefined : await checkCopiedDependencies(built.dir, copy, ws);
  if (checked && 'problem' in checked) return checked.problem;
  if (checked) reads?.add(checked.reads);
  const done = await inDependencyHome(built.dir, (home) =>
    runHelm(['dependency', 'build', built.dir], {
      shownAs: new Map([...built.shownAs, [home.dir, 'a temporary helm home']]),
      timeoutMs: 300_000,
      env: home.env,
    }),
  );
  return typeof done === 'string' ? undefined : `the chart's dependencies could not be fetched: ${done.problem}`;
}

/** helm tells an unreachable dependency repository on stdout, then fails on its missing cache: the first is the cause. */
function unreachable(error: HelmCommandError): string | undefined {
  const m = /Unable to get an update from the ("[^"]*") chart repository: \| (.*?)(?: \||$)/.exec(error.progress);
  return m ? `the chart repository ${m[1] ?? ''} cannot be reached: ${m[2] ?? ''}` : undefined;
}

async function declaresDependencies(dir: string): Promise<boolean> {
  try {
    const chart: unknown = load(await readFile(path.join(dir, 'Chart.yaml'), 'utf8'));
    const dependencies = isJsonObject(chart) ? chart.dependencies : undefined;
    return Array.isArray(dependencies) && dependencies.length > 0;
  } catch {
    // An unreadable Chart.yaml is reported by `helm template` itself.
    return false;
  }
}

/** Every row of `helm dependency list` says `ok` or `unpacked` (a chart directory under charts/). */
async function dependenciesPresent(c: ChartDirectory): Promise<boolean> {
  const table = await runHelm(['dependency', 'list', c.dir], { shownAs: c.shownAs });
  const rows = table
    .split('\n')
    .slice(1)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  return rows.length > 0 && rows.every((l) => /\s(ok|unpacked)$/.test(l));
}
