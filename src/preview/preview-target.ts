// A preview's own settings, derived from the run's the same way for the Action and the CLI: its
// target and namespace `<prefix>-pr-<number>` (the ApplySet parent lives there), its field manager
// `<field-manager>-preview`, its environment and URL; prune on, never dangerous, never adopting
// another set's object, never an empty apply by accident. Pure.
import type { Settings } from '../settings/settings.js';
import { fillTemplate, previewIdentity, type PreviewIdentity } from './preview-identity.js';

export interface PreviewTarget {
  preview: PreviewIdentity;
  /** The preview's URL (`environment-url` with `{{pr}}` filled in); empty: none. */
  url: string;
  settings: Settings;
}

export function previewTarget(settings: Settings, number: number, repository: string): PreviewTarget {
  const preview = previewIdentity(settings.preview.prefix, number, repository, settings.fieldManager);
  const url = settings.environmentUrl ? fillTemplate(settings.environmentUrl, preview) : '';
  const own: Settings = {
    ...settings,
    target: preview.target,
    namespace: preview.namespace,
    inventoryNamespace: preview.namespace,
    fieldManager: preview.fieldManager,
    environment: preview.environment,
    ...(url ? { environmentUrl: url } : {}),
    prune: true,
    pruneDangerous: false,
    adopt: false,
    allowEmpty: false,
  };
  return { preview, url, settings: own };
}
