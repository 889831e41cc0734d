// Engine settings for tests: the action's own defaults (read from action.yml through the settings
// reader, as a run without inputs gets them), with what a test sets on top.
import type { ApplySettings } from '../../src/run/apply-run.js';
import { applySettingsOf } from '../../src/run/engine-settings.js';
import { readSettings } from '../../src/settings/read-settings.js';
import type { Settings } from '../../src/settings/settings.js';

export function testApplySettings(overrides: Partial<ApplySettings> & Pick<ApplySettings, 'target' | 'namespace'>): ApplySettings {
  const defaults = applySettingsOf(
    readSettings(() => '', { GITHUB_WORKSPACE: process.cwd() }),
    '',
  );
  return { ...defaults, inventoryNamespace: overrides.namespace, ...overrides };
}

/** A target's whole settings: the action's defaults (as a run without inputs gets them), with what a test sets on top. */
export function testSettings(overrides: Partial<Settings> & Pick<Settings, 'paths' | 'workspace'>): Settings {
  return { ...readSettings(() => '', { GITHUB_WORKSPACE: overrides.workspace }), ...overrides };
}
