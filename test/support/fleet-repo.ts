// A fleet in a real git repository for the selection tests: files committed as the base, changes
// committed as the head, targets made from the action's defaults, and the selection run on what
// git says changed between the two commits, with real loads (kustomize, helm, sops on PATH).
import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { commitChanges } from '../../src/fleet/changed-files.js';
import type { FleetTarget } from '../../src/fleet/fleet-target.js';
import { selectTargets, type Selection } from '../../src/fleet/select-targets.js';
import type { BaseTargets } from '../../src/fleet/targets-file-change.js';
import { RecordingLogger } from '../../src/model/logger.js';
import { SecretRedactor } from '../../src/redaction/secret-redactor.js';
import type { Settings } from '../../src/settings/settings.js';
import { GitRepo } from './git-repo.js';
import { testSettings } from './test-settings.js';

export const configMap = (name: string, value = 'b') => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  a: ${value}\n`;

export class FleetRepo extends GitRepo {
  readonly base: string;

  /** The files (and symlinks, link → target) committed as the base. */
  constructor(files: Record<string, string>, links: Record<string, string> = {}) {
    super();
    for (const [file, text] of Object.entries(files)) this.write(file, text);
    for (const [link, target] of Object.entries(links)) symlinkSync(target, path.join(this.dir, link));
    this.base = this.commit('base');
  }

  target(name: string, paths: string[], extra: Partial<Settings> = {}, matrix: Pick<FleetTarget, 'kubeconfigSecret' | 'ring'> = {}): FleetTarget {
    return { name, settings: testSettings({ workspace: this.dir, paths, target: name, ...extra }), ...matrix };
  }

  /** Commits the working tree as the head and selects among `targets` on what git says changed since the base. */
  async select(targets: readonly FleetTarget[], atBase: BaseTargets = async () => targets, logger = new RecordingLogger()): Promise<Selection> {
    const head = this.commit('head');
    const changed = await commitChanges(this.dir, this.base, head);
    return selectTargets(
      { targets, changed, workspace: this.dir, targetsFile: { path: 'kube-gitops.yaml', atBase } },
      { logger, redactor: new SecretRedactor() },
    );
  }
}

/** The names of the selected targets, and the why of each. */
export const planned = (s: Selection) => s.targets.filter((t) => t.selected).map((t) => t.target.name);
export const whyOf = (s: Selection, name: string) => s.targets.find((t) => t.target.name === name)?.why ?? '';
