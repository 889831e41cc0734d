// The CLI's progress on a terminal: one stderr line per tenth of a stage (`applied 250/500`), and
// the last one, for stages of 20 objects or more. Nothing when stderr is not a terminal.
import type { Progress, ProgressStage } from '../model/progress.js';

const SMALL_STAGE = 20;

export function progressLines(write: (text: string) => void, enabled: boolean): Progress | undefined {
  if (!enabled) return undefined;
  const shownTenth = new Map<ProgressStage, number>();
  return (stage, done, total) => {
    if (total < SMALL_STAGE) return;
    const tenth = Math.floor((done * 10) / total);
    if (tenth === shownTenth.get(stage)) return;
    shownTenth.set(stage, tenth);
    if (tenth > 0) write(`${stage} ${done}/${total}\n`);
  };
}
