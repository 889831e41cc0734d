import type { Action } from '../model/plan.js';

/** The one table mapping actions to what reviewers read. */
export const ACTION_LABELS: Record<Action, string> = {
  delete: '🗑️ delete',
  replace: '♻️ replace',
  create: '✨ create',
  update: '✏️ update',
  retain: '📌 left in place',
  unchanged: 'unchanged',
};
