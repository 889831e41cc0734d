// The counts line both reports open with: every action, zeros included, in one order.
import { countActions, type Action, type ActionCounts, type Plan } from '../model/plan.js';

/** What a plan will do (`1 create`) or what an apply did (`1 created`). */
export type CountsTense = 'planned' | 'done';

const WORDS: Record<CountsTense, Record<Action, string>> = {
  planned: { create: 'create', update: 'update', replace: 'replace', delete: 'delete', unchanged: 'unchanged', retain: 'left in place' },
  done: { create: 'created', update: 'updated', replace: 'replaced', delete: 'deleted', unchanged: 'unchanged', retain: 'left in place' },
};

/** `**1 create, 0 update, 0 replace, 0 delete, 3 unchanged**`, then `, 1 left in place` when any are. */
export function countsLine(c: ActionCounts, tense: CountsTense): string {
  return countsText(c, tense, (main) => `**${main}**`);
}

/** The same words as plain text (a terminal), the always-shown part passed through `emphasise`. */
export function countsText(c: ActionCounts, tense: CountsTense, emphasise: (main: string) => string = (main) => main): string {
  const w = WORDS[tense];
  const main = `${c.create} ${w.create}, ${c.update} ${w.update}, ${c.replace} ${w.replace}, ${c.delete} ${w.delete}, ${c.unchanged} ${w.unchanged}`;
  return `${emphasise(main)}${c.retain > 0 ? `, ${c.retain} ${w.retain}` : ''}`;
}

/** What one action is called in the counts line (`left in place` for retain). */
export function actionWord(action: Action, tense: CountsTense): string {
  return WORDS[tense][action];
}

/** The changes alone, as a confirmation asks about them: `2 create, 1 delete`, then how many of them set drift back. */
export function changeSummary(plan: Plan): string {
  const changing = plan.entries.filter((e) => e.action !== 'unchanged' && e.action !== 'retain');
  const c = countActions(changing);
  const parts = (['create', 'update', 'replace', 'delete'] as const).filter((a) => c[a] > 0).map((a) => `${c[a]} ${WORDS.planned[a]}`);
  const drifted = changing.filter((e) => e.drift).length;
  return `${parts.join(', ') || 'no changes'}${drifted > 0 ? ` (${drifted} of them setting drift in the cluster back)` : ''}`;
}
