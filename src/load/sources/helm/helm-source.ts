// Helm charts: a HelmChart document (of any other source) renders its chart in its place
// (helm-charts.ts); every rendered object is placed at the HelmChart document, via the template
// helm names. A chart directory is a chart's input, never read as manifests, and so is a values
// file a HelmChart names; a chart directory no HelmChart names is a problem.
import { openWorkspace } from '../../workspace-boundary.js';
import type { DocumentSourceKind, ParsedSource } from '../manifest-source.js';
import { CHART_ASIDE, ChartShape } from './chart-shape.js';
import { declaredChartInputs, undeclaredCharts } from './helm-chart-inputs.js';
import { expandHelmCharts } from './helm-charts.js';

export const helmSource: DocumentSourceKind = {
  name: 'Helm charts',
  shape: (ws) => new ChartShape(ws),
  async claimInputs(parsed, met, ctx, problems): Promise<ParsedSource[]> {
    const inputs = await declaredChartInputs(
      await openWorkspace(ctx.workspace),
      parsed.map((p) => ({ file: p.file, documents: p.documents })),
    );
    const charts = met.aside.get(CHART_ASIDE) ?? [];
    problems.push(...undeclaredCharts(charts, inputs));
    for (const dir of charts) {
      const by = inputs.chartDirs.get(dir);
      if (by) ctx.logger.info(`Not read as manifests: the Helm chart '${dir}' (${by} renders it)`);
    }
    return parsed.filter((p) => {
      // Only a source that is the file itself can be a values file.
      const by = p.file === p.found.relPath ? inputs.valuesFiles.get(p.found.relPath) : undefined;
      if (by) ctx.logger.info(`Not read as manifests: '${p.found.relPath}', a values file of ${by}`);
      return by === undefined;
    });
  },
  expand: (objects, ctx, problems) =>
    expandHelmCharts(
      objects,
      {
        workspace: ctx.workspace,
        namespace: ctx.namespace,
        logger: ctx.logger,
        reads: ctx.reads,
        ...(ctx.capabilities ? { capabilities: ctx.capabilities } : {}),
      },
      problems,
    ),
};
