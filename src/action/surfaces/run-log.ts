// The run's log as a surface: each problem as an error annotation at its file and line (those of
// a load that failed were annotated while loading), a refusal's problems, a drift check's verdict.
// A push refused as older than a live commit that contains it is one notice, not an error.
import { isAnnotated, wentOutLine } from '../../model/refusal.js';
import type { Surface } from './surface.js';

export const runLog: Surface = (report, { deps }) => {
  const { logger } = deps;
  switch (report.kind) {
    case 'plan':
      if (!report.loadError) for (const p of report.plan.problems) logger.error(p.message, p.source);
      return;
    case 'refused':
      if (report.refusal.wentOutWith) {
        logger.warning(wentOutLine(report.refusal.wentOutWith));
        return;
      }
      for (const p of report.refusal.problems) if (isAnnotated(report.refusal, p)) logger.error(p.message, p.source);
      return;
    case 'drift': {
      const { drift } = report;
      logger.info(
        drift.differs
          ? `The cluster differs from Git: ${drift.drifted} object(s) drifted${drift.live === 'head' ? '' : `; the branch head is not applied yet (live: ${drift.plan.liveCommit?.slice(0, 7) ?? 'none'})`}.`
          : 'No drift: the cluster matches Git.',
      );
      if (!drift.loadError) for (const p of drift.plan.problems) logger.error(p.message, p.source);
      return;
    }
    case 'apply':
      return;
  }
};
