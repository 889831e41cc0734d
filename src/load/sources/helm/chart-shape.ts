// How a Helm chart looks to the walk: a directory with a Chart.yaml is set aside, never read as
// manifests (a HelmChart document renders it), and counts as met; a file picked up inside one
// (by a glob or a file entry) is the chart's, and sets its chart aside (chart-directories.ts).
import path from 'node:path';
import type { Workspace } from '../../workspace-boundary.js';
import type { AsideClaim, AsideRecorder, DirectoryClaim, Found, SourceShape } from '../manifest-source.js';
import { ChartDirectoryIndex } from './chart-directories.js';

/** The key the resolver lists the chart directories a walk met under. */
export const CHART_ASIDE = 'chart';

const CHART: AsideClaim = { claim: 'aside', aside: CHART_ASIDE, met: true };

export class ChartShape implements SourceShape {
  private readonly index: ChartDirectoryIndex;

  constructor(private readonly ws: Workspace) {
    this.index = new ChartDirectoryIndex(ws);
  }

  async claimDirectory(real: string): Promise<DirectoryClaim | undefined> {
    return (await this.index.isChart(real)) ? CHART : undefined;
  }

  /** The files not inside a Helm chart directory; the charts of the others are set aside as met. */
  async claimFiles(files: readonly Found[], aside: AsideRecorder): Promise<Found[]> {
    const kept: Found[] = [];
    for (const f of files) {
      const chart = await this.index.chartOf(f.real);
      if (chart === undefined) kept.push(f);
      else aside.setAside(chart, path.join(this.ws.root, path.relative(this.ws.realRoot, chart)), CHART);
    }
    return kept;
  }
}
