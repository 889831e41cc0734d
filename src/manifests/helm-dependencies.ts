// Chart dependencies: when Chart.yaml declares dependencies that charts/ lacks (or holds at another
// version: `helm template` only checks names), `helm dependency build` fetches them. Never in the
// workspace: a local chart is first copied to a temporary directory, which is built and rendered
// instead (a pulled chart is already in one). helm resolves a relative file:// dependency from the
// copy, so the copy's are checked again before the build (helm-chart-files.ts).
import { cp, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { load } from 'js-yaml';
import { isJsonObject } from '../objects/kube-object.js';
import type { ChartDirectory, Found } from './helm-chart-source.js';
import { temporaryDirectory } from './helm-chart-source.js';
import { checkCopiedDependencies } from './helm-chart-files.js';
import { HelmCommandError, runHelm } from './helm-command.js';
import type { ReadSetBuilder } from './read-set.js';
import type { Workspace } from './workspace-boundary.js';

/** The chart, with its dependencies in charts/; `label` is how messages show the chart's directory. */
export async function withDependencies(c: ChartDirectory, label: string, ws: Workspace, reads?: ReadSetBuilder): Promise<Found<ChartDirectory>> {
  if (!(await declaresDependencies(c.dir))) return c;
  try {
    if (await dependenciesPresent(c)) return c;
    const built = c.temporary.some((t) => c.dir.startsWith(t + path.sep)) ? c : await copied(c, label);
    const copiedInto = built === c ? undefined : built.temporary.at(-1);
    const checked = copiedInto === undefined ? undefined : await checkCopiedDependencies(built.dir, copiedInto, ws);
    if (checked && 'problem' in checked) {
      if (copiedInto) await rm(copiedInto, { recursive: true, force: true });
      return checked;
    }
    if (checked) reads?.add(checked.reads);
    await runHelm(['dependency', 'build', built.dir], { shownAs: built.shownAs, timeoutMs: 300_000 });
    return built;
  } catch (error) {
    if (!(error instanceof HelmCommandError)) throw error;
    return {
      problem: error.missing
        ? error.message
        : `the chart's dependencies could not be fetched (\`helm dependency build\`): ${unreachable(error) ?? error.message}`,
    };
  }
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

async function copied(c: ChartDirectory, label: string): Promise<ChartDirectory> {
  const temp = await temporaryDirectory();
  const dir = path.join(temp, path.basename(c.dir));
  await cp(c.dir, dir, { recursive: true });
  return { dir, shownAs: new Map([...c.shownAs, [dir, label]]), temporary: [...c.temporary, temp] };
}
