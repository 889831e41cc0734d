// How far a long stage has come, for a person at a terminal (the CLI shows it; the Action's log has
// a line per object already). Stages call it as objects are done; it must not throw.
export type ProgressStage = 'planned' | 'applied' | 'decided';

export type Progress = (stage: ProgressStage, done: number, total: number) => void;

/** Counts one stage's objects as they finish and tells `progress`. */
export function progressCounter(progress: Progress | undefined, stage: ProgressStage, total: number): () => void {
  let done = 0;
  return () => {
    done += 1;
    progress?.(stage, done, total);
  };
}
