// The environment each tool we spawn gets: an allow-list, never the runner's whole environment. A
// pull request's author controls the charts, kustomizations and files these tools read, so nothing
// they do may see the workflow's GITHUB_*, INPUT_* or `env:` secrets. Every tool gets the basics
// (PATH, HOME, temporary directories, locale, proxies, CA certificates, and on Windows what a process
// needs to start); each adds only what it reads itself. Exec credential plugins are the exception:
// the kubeconfig's author chose them, and they get what kubectl gives them (see CREDENTIAL_PLUGIN).

export type ChildTool = 'helm' | 'kustomize' | 'sops' | 'git' | 'gpg' | 'credential-plugin';

/** Names every tool gets, compared without case (proxies are read in either case; Windows names vary). */
const BASE_NAMES = [
  'PATH',
  'HOME',
  'TMPDIR',
  'TMP',
  'TEMP',
  'LANG',
  'LANGUAGE',
  'TZ',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'ALL_PROXY',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'SYSTEMROOT',
  'SYSTEMDRIVE',
  'WINDIR',
  'COMSPEC',
  'PATHEXT',
  'USERPROFILE',
  'APPDATA',
  'LOCALAPPDATA',
];
const BASE_PREFIXES = ['LC_'];

/** git's own configuration and transport (credentials a step set up for git): for git and for kustomize's remote resources. */
const GIT_NAMES = [
  'GIT_CONFIG_COUNT',
  'GIT_CONFIG_GLOBAL',
  'GIT_CONFIG_SYSTEM',
  'GIT_CONFIG_NOSYSTEM',
  'GIT_SSH',
  'GIT_SSH_COMMAND',
  'GIT_SSH_VARIANT',
  'GIT_ASKPASS',
  'GIT_TERMINAL_PROMPT',
  'SSH_AUTH_SOCK',
  'GNUPGHOME',
  'XDG_CONFIG_HOME',
];
const GIT_PREFIXES = ['GIT_CONFIG_KEY_', 'GIT_CONFIG_VALUE_'];

/**
 * helm's own settings (HELM_* and the XDG directories its defaults live in) and the docker config its
 * registry client reads. No KUBECONFIG: helm template and pull never reach the cluster (the live
 * Capabilities are passed as flags).
 */
const HELM_NAMES = ['XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'XDG_DATA_HOME', 'DOCKER_CONFIG'];
const HELM_PREFIXES = ['HELM_'];

interface Rule {
  names: readonly string[];
  prefixes: readonly string[];
}

const RULES: Readonly<Record<Exclude<ChildTool, 'credential-plugin'>, Rule>> = {
  helm: { names: HELM_NAMES, prefixes: HELM_PREFIXES },
  // kustomize runs helm for helmCharts and git for remote resources, in the environment it was given.
  kustomize: { names: ['KUSTOMIZE_PLUGIN_HOME', ...GIT_NAMES, ...HELM_NAMES], prefixes: [...GIT_PREFIXES, ...HELM_PREFIXES] },
  // sops reads its keys from SOPS_* and the cloud KMS / Vault / PGP settings from their usual variables.
  sops: { names: ['GNUPGHOME', 'XDG_CONFIG_HOME'], prefixes: ['SOPS_', 'AWS_', 'AZURE_', 'GOOGLE_', 'CLOUDSDK_', 'VAULT_'] },
  git: { names: GIT_NAMES, prefixes: GIT_PREFIXES },
  gpg: { names: ['GNUPGHOME'], prefixes: [] },
};

/**
 * Exec credential plugins get the whole environment but our inputs, as kubectl gives them all of
 * it: `aws eks get-token`, `gke-gcloud-auth-plugin` and `kubelogin` read cloud credentials and
 * GitHub's OIDC request variables from it. The kubeconfig (a workflow secret, not the pull request)
 * names the plugin, so it is the user's code. INPUT_* (this action's inputs: the kubeconfig, the
 * GitHub token, the age key) are no plugin's business.
 */
function credentialPluginEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !name.toUpperCase().startsWith('INPUT_')));
}

function isAllowed(name: string, rule: Rule): boolean {
  const upper = name.toUpperCase();
  return (
    BASE_NAMES.includes(upper) || BASE_PREFIXES.some((p) => upper.startsWith(p)) || rule.names.includes(name) || rule.prefixes.some((p) => name.startsWith(p))
  );
}

/** The environment `tool` runs in: the allowed variables of `env`, then `extra` (set by us: a key, a home). */
export function childEnvironment(tool: ChildTool, env: NodeJS.ProcessEnv = process.env, extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const allowed =
    tool === 'credential-plugin' ? credentialPluginEnvironment(env) : Object.fromEntries(Object.entries(env).filter(([name]) => isAllowed(name, RULES[tool])));
  return { ...allowed, ...extra };
}
