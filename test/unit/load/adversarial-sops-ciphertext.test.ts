// Adversarial: SOPS ciphertext that would be applied as data, with the real sops and age-keygen. A
// kustomize generator listing an encrypted file (kustomize copies the ciphertext into the Secret)
// and `ENC[AES256_GCM,…]` values without their `sops:` block (a stripped file) are errors at the
// file and line, never a Secret holding ciphertext.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ManifestError } from '../../../src/model/errors.js';
import { RecordingLogger } from '../../../src/model/logger.js';
import { loadManifests } from '../../../src/load/manifest-loader.js';
import { formatProblem } from '../../../src/model/problem.js';
import { newAgeKey, sopsDirectory, sopsEncrypt, withSopsOnPath, type AgeKey } from '../../support/sops-binary.js';
import { fileTree } from '../../support/file-tree.js';

const PLAIN_SECRET = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\nstringData:\n  password: sops-plain-password\n';

let key: AgeKey;
let restorePath: () => void;
const dirs: string[] = [];

/** `plain` encrypted with sops in `format` (dotenv and binary too, which the support helper does not do). */
async function encrypt(plain: string, format: 'dotenv' | 'binary'): Promise<string> {
  const sops = path.join(await sopsDirectory(), 'sops');
  return new Promise((resolve, reject) => {
    const child = execFile(
      sops,
      [
        'encrypt',
        '--age',
        key.recipient,
        '--input-type',
        format,
        '--output-type',
        format,
        '--filename-override',
        `plain.${format === 'dotenv' ? 'env' : 'bin'}`,
      ],
      { env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir() } },
      (error, stdout, stderr) => (error ? reject(new Error(`sops encrypt failed: ${stderr}`)) : resolve(stdout)),
    );
    child.stdin?.end(plain);
  });
}

function workspace(files: Record<string, string>): string {
  const ws = fileTree(files, 'kube-gitops-sops-stray-');
  dirs.push(ws);
  return ws;
}

async function problemsOf(ws: string): Promise<string[]> {
  try {
    await loadManifests({
      workspace: ws,
      paths: ['.'],
      exclude: [],
      logger: new RecordingLogger(),
      sops: { ageKey: key.identity, env: { PATH: process.env.PATH ?? '' }, onPlaintext: () => undefined },
    });
  } catch (error) {
    assert.ok(error instanceof ManifestError, `a ManifestError, not ${String(error)}`);
    return error.problems.map(formatProblem);
  }
  assert.fail('expected the manifests to be refused');
}

/** A sops YAML file without its `sops:` block, as a careless edit or a copy leaves it. */
function stripped(encrypted: string): string {
  return encrypted.slice(0, encrypted.search(/^sops:/m));
}

describe('SOPS ciphertext is never applied as data', () => {
  before(async () => {
    restorePath = await withSopsOnPath();
    key = await newAgeKey();
  });
  after(() => {
    restorePath();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('refuses a secretGenerator listing a SOPS-encrypted file under files:, at the entry, before kustomize runs', async () => {
    const enc = await sopsEncrypt('password: sops-plain-password\n', key.recipient, 'yaml', '^password$');
    const ws = workspace({
      'app/kustomization.yaml': 'secretGenerator:\n- name: creds\n  files:\n  - password=secret.enc.yaml\n',
      'app/secret.enc.yaml': enc,
    });
    const problems = await problemsOf(ws);
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(
      problems[0] ?? '',
      /^app\/kustomization\.yaml:4: kustomize build of 'app' refused: secretGenerator 'creds' lists 'password=secret\.enc\.yaml' under files, a SOPS-encrypted file: kustomize cannot decrypt it and would put the ciphertext in the Secret; write the Secret as a manifest, encrypt it with sops .* and list it in the paths input, where kube-gitops decrypts it$/,
    );
  });

  it("refuses a base's secretGenerator listing a SOPS-encrypted dotenv file under envs:", async () => {
    const ws = workspace({
      'overlay/kustomization.yaml': 'resources:\n- ../base\n',
      'base/kustomization.yaml': 'secretGenerator:\n- name: env-creds\n  envs:\n  - creds.env\n',
      'base/creds.env': await encrypt('PASSWORD=sops-plain-password\n', 'dotenv'),
    });
    const problems = await problemsOf(ws);
    assert.ok(problems.length >= 1);
    for (const p of problems)
      assert.match(p, /^base\/kustomization\.yaml:4: .*secretGenerator 'env-creds' lists 'creds\.env' under envs, a SOPS-encrypted file/);
  });

  it('refuses a configMapGenerator listing a file sops encrypted as binary', async () => {
    const ws = workspace({
      'k/kustomization.yaml': 'configMapGenerator:\n- name: settings\n  files:\n  - settings.ini\n',
      'k/settings.ini': await encrypt('[db]\nhost=example\n', 'binary'),
    });
    const problems = await problemsOf(ws);
    assert.match(problems[0] ?? '', /^k\/kustomization\.yaml:4: .*configMapGenerator 'settings' lists 'settings\.ini' under files, .*in the ConfigMap/);
  });

  it('refuses ENC[AES256_GCM,…] values in a manifest without a sops: block, at the value', async () => {
    const enc = await sopsEncrypt(PLAIN_SECRET, key.recipient);
    const ws = workspace({ 'secret.yaml': stripped(enc) });
    const problems = await problemsOf(ws);
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(
      problems[0] ?? '',
      /^secret\.yaml:7: the document has a SOPS-encrypted value \(ENC\[AES256_GCM,…\]\) at stringData\.password but no sops: block, so nothing can decrypt it and the ciphertext would be applied as the value; this is a broken or stripped SOPS file/,
    );
  });

  it('refuses the same ciphertext coming out of kustomize, naming the build', async () => {
    const enc = await sopsEncrypt(PLAIN_SECRET, key.recipient);
    const ws = workspace({ 'k/kustomization.yaml': 'resources:\n- secret.yaml\n', 'k/secret.yaml': stripped(enc) });
    const problems = await problemsOf(ws);
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(
      problems[0] ?? '',
      /^k\/kustomization\.yaml:1: the output of kustomize build of 'k' has a SOPS-encrypted value .* at stringData\.password but no sops: block/,
    );
  });

  it('still loads a whole SOPS file, decrypted, and plain manifests', async () => {
    const ws = workspace({
      'secret.yaml': await sopsEncrypt(PLAIN_SECRET, key.recipient),
      'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n',
    });
    const objects = await loadManifests({
      workspace: ws,
      paths: ['.'],
      exclude: [],
      logger: new RecordingLogger(),
      sops: { ageKey: key.identity, env: { PATH: process.env.PATH ?? '' }, onPlaintext: () => undefined },
    });
    assert.deepEqual(objects.map((o) => o.object.kind).sort(), ['ConfigMap', 'Secret']);
  });
});
