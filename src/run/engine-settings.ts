// The Settings (parsed once from the inputs or the flags) as the engine's stages take them: the one
// mapping both front ends use.
import type { Settings } from '../settings/settings.js';
import type { ApplySettings } from './apply-run.js';

export function applySettingsOf(settings: Settings, commit: string): ApplySettings {
  return {
    target: settings.target,
    commit,
    namespace: settings.namespace,
    inventoryNamespace: settings.inventoryNamespace,
    fieldManager: settings.fieldManager,
    forceConflicts: settings.forceConflicts,
    prune: settings.prune,
    pruneDangerous: settings.pruneDangerous,
    concurrency: settings.concurrency,
    ...(settings.prices ? { prices: settings.prices } : {}),
    adopt: settings.adopt,
    allowEmpty: settings.allowEmpty,
    wait: settings.wait,
    timeoutMs: settings.timeoutMs,
  };
}
