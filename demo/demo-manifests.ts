// What the demo's repository holds: its own shop (two commits: what runs, then the pull request) or the
// user's manifests (`--path`), copied in as they are. A path that does not exist or holds no manifest
// is a one-line DemoInputError, never a stack trace.
import { cpSync, existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** A mistake in the demo's own arguments: printed as one line. */
export class DemoInputError extends Error {}

/** The namespace the demo's objects go to (and the user's, when they name none). */
export const DEMO_NAMESPACE = 'demo-shop';
/** The demo's Secret values: none may reach the page, a comment, an issue or any output. */
export const DEMO_SECRET_VALUES = ['s3cr3t-initial-password', 's3cr3t-rotated-password'] as const;

const deployment = (image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: storefront
spec:
  replicas: 2
  selector:
    matchLabels: {app: storefront}
  template:
    metadata:
      labels: {app: storefront}
    spec:
      containers:
      - name: storefront
        image: ${image}
        envFrom:
        - secretRef: {name: storefront-db}
`;
const settings = `apiVersion: v1
kind: ConfigMap
metadata:
  name: storefront-settings
data:
  currency: EUR
`;
const legacy = `apiVersion: v1
kind: ConfigMap
metadata:
  name: storefront-legacy-flags
data:
  checkout-v1: "true"
`;
const secret = (password: string) => `apiVersion: v1
kind: Secret
metadata:
  name: storefront-db
stringData:
  DB_PASSWORD: ${password}
`;
const service = `apiVersion: v1
kind: Service
metadata:
  name: storefront
spec:
  selector: {app: storefront}
  ports:
  - port: 80
    targetPort: 8080
`;

/** The Namespace every demo repository carries, so that objects without one have where to go. */
export const NAMESPACE_FILE = { file: 'deploy/demo-namespace.yaml', text: `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${DEMO_NAMESPACE}\n` };

/** The shop as it runs before the pull request (file → text). */
export function shopBefore(): Record<string, string> {
  const objects = [deployment('registry.example/storefront:1.4.0'), settings, legacy, secret(DEMO_SECRET_VALUES[0])];
  return { 'deploy/storefront.yaml': objects.join('---\n') };
}

/** The pull request: a new image, a Service, a rotated password, and the legacy flags removed. */
export function shopAfter(): Record<string, string> {
  const objects = [deployment('registry.example/storefront:1.5.0'), settings, secret(DEMO_SECRET_VALUES[1]), service];
  return { 'deploy/storefront.yaml': objects.join('---\n') };
}

const MANIFEST = /\.(ya?ml|json)$/i;

/** Whether `dir` holds a manifest file at any depth (hidden folders and node_modules aside). */
function holdsManifest(dir: string): boolean {
  return readdirSync(dir, { withFileTypes: true }).some((e) => {
    if (e.name.startsWith('.') || e.name === 'node_modules') return false;
    return e.isDirectory() ? holdsManifest(path.join(dir, e.name)) : MANIFEST.test(e.name);
  });
}

/** Checks the user's `--path` before anything starts: it exists and holds at least one manifest. */
export function checkUserPath(userPath: string): string {
  const full = path.resolve(userPath);
  if (!existsSync(full)) throw new DemoInputError(`--path ${userPath}: no such file or directory`);
  const isManifest = statSync(full).isFile() ? MANIFEST.test(full) : holdsManifest(full);
  if (!isManifest) throw new DemoInputError(`--path ${userPath}: holds no manifest (no .yaml, .yml or .json file)`);
  return full;
}

/** Copies the user's manifests (a file or a folder, checked by checkUserPath) under `deploy/user/` of the repository at `repoDir`. */
export function copyUserManifests(full: string, repoDir: string): void {
  const target = path.join(repoDir, 'deploy/user', statSync(full).isFile() ? path.basename(full) : '');
  cpSync(full, target, { recursive: true, filter: (src) => !/(^|\/)(\.[^/]+|node_modules)$/.test(path.relative(full, src)) });
}
