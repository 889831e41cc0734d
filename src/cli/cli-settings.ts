// Command-line flags → the Action's Settings, through the Action's own reader (same checks, same
// defaults, same messages naming the input): flags become input values, the kubeconfig a file.
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readSettings } from '../settings/read-settings.js';
import type { Settings } from '../settings/settings.js';
import type { ParsedCommandLine } from './cli-flags.js';

export function cliSettings(line: ParsedCommandLine, env: NodeJS.ProcessEnv, cwd: string): Settings {
  const kubeconfig = line.flags.get('kubeconfig') ?? env.KUBECONFIG ?? defaultKubeconfig(env);
  const settingsEnv: NodeJS.ProcessEnv = { ...env, GITHUB_WORKSPACE: cwd };
  if (kubeconfig) settingsEnv.KUBECONFIG = kubeconfig;
  else delete settingsEnv.KUBECONFIG;
  const given = (name: string) => line.inputs.has(name);
  return {
    ...readSettings((name) => line.inputs.get(name) ?? '', settingsEnv, given),
    mode: line.command === 'apply' || line.command === 'preview' ? line.command : 'plan',
  };
}

/** ~/.kube/config when it exists, as kubectl falls back to it. */
function defaultKubeconfig(env: NodeJS.ProcessEnv): string | undefined {
  const file = path.join(env.HOME ?? os.homedir(), '.kube', 'config');
  return existsSync(file) ? file : undefined;
}
