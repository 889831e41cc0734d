// A SOPS-encrypted file named by a kustomize secretGenerator or configMapGenerator (files:, envs:,
// env:) is refused before kustomize runs: kustomize cannot decrypt it and would generate a Secret
// holding the ciphertext. It is not decrypted for kustomize either: kustomize reads its inputs from
// disk, and decrypted values are never written anywhere. A SOPS-encrypted Secret manifest listed in
// the paths input is the way: kube-gitops decrypts it in memory.
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { isJsonObject, type JsonValue } from '../../../objects/kube-object.js';
import { KUSTOMIZATION_FILES, localReferences, walkKustomizations } from './kustomize-secrets.js';
import { readInputFile } from './kustomize-input-aliases.js';
import type { SourceLocation } from '../../../objects/source-location.js';

const MAX_KUSTOMIZATIONS = 500;
const GENERATORS: [field: string, kind: string][] = [
  ['secretGenerator', 'Secret'],
  ['configMapGenerator', 'ConfigMap'],
];

export interface SopsGeneratorProblem {
  message: string;
  source: SourceLocation;
}

/** Whether a file's text is SOPS output: ciphertext and sops' metadata, in any of its formats (YAML, JSON, dotenv, INI). */
export function isSopsText(text: string): boolean {
  return text.includes('ENC[AES256_GCM,') && /^sops:|"sops"\s*:|^sops_(?:version|mac|lastmodified)=|^\[sops\]/m.test(text);
}

/** The first generator entry of the build of `absDir` that names a SOPS-encrypted file, at its kustomization file's line. */
export function sopsGeneratorProblem(absDir: string, workspace: string): SopsGeneratorProblem | undefined {
  const root = realpathSync(workspace);
  let found: SopsGeneratorProblem | undefined;
  walkKustomizations(absDir, MAX_KUSTOMIZATIONS, (dir, doc) => {
    for (const [field, kind] of GENERATORS) {
      for (const gen of listOf(doc[field])) {
        if (!isJsonObject(gen)) continue;
        for (const { entry, list } of generatorFiles(gen)) {
          if (!isSopsText(readInputFile(path.resolve(dir, entry.slice(entry.indexOf('=') + 1)), root) ?? '')) continue;
          found = problemAt(dir, root, `${field} '${typeof gen.name === 'string' ? gen.name : '(unnamed)'}' lists '${entry}' under ${list}`, entry, kind);
          return undefined;
        }
      }
    }
    return localReferences(doc).map((ref) => path.resolve(dir, ref));
  });
  return found;
}

function generatorFiles(gen: Record<string, JsonValue>): { entry: string; list: string }[] {
  const files = listOf(gen.files).map((f) => ({ entry: f, list: 'files' }));
  const envs = [...listOf(gen.envs), gen.env].map((f) => ({ entry: f, list: 'envs' }));
  return [...files, ...envs].flatMap(({ entry, list }) => (typeof entry === 'string' && entry !== '' ? [{ entry, list }] : []));
}

function problemAt(dir: string, root: string, what: string, entry: string, kind: string): SopsGeneratorProblem {
  const name = KUSTOMIZATION_FILES.find((f) => readInputFile(path.join(dir, f), root) !== undefined) ?? KUSTOMIZATION_FILES[0] ?? '';
  const lines = (readInputFile(path.join(dir, name), root) ?? '').split(/\r?\n/);
  const index = lines.findIndex((l) => l.includes(entry));
  return {
    message:
      `${what}, a SOPS-encrypted file: kustomize cannot decrypt it and would put the ciphertext in the ${kind}; ` +
      `write the ${kind} as a manifest, encrypt it with sops (sops encrypt --encrypted-regex '^(data|stringData)$' --in-place secret.yaml) and list it in the paths input, where kube-gitops decrypts it`,
    source: { file: path.relative(root, path.join(dir, name)), line: index + 1 || 1 },
  };
}

function listOf(value: JsonValue | undefined): JsonValue[] {
  return Array.isArray(value) ? value : [];
}
