// The SOPS pieces that need no sops binary: what an encrypted document looks like, the messages of a
// failed decrypt, how a plan masks an object from a SOPS file, which lines of a key are secret, and
// the loader's handling of a file it cannot decrypt (a fake sops answers).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ManifestError } from '../../../../src/model/errors.js';
import { RecordingLogger } from '../../../../src/model/logger.js';
import { loadManifests } from '../../../../src/load/manifest-loader.js';
import { getAnnotations, type KubeObject } from '../../../../src/objects/kube-object.js';
import { ageKeySecrets, sopsEnvironment } from '../../../../src/load/sops/age-key.js';
import type { SopsRequest, SopsResult } from '../../../../src/load/sops/sops-cli.js';
import { ciphertextDigest, encryptedFields, encryptedPaths } from '../../../../src/load/sops/sops-document.js';
import { failureMessage } from '../../../../src/load/sops/sops-errors.js';
import { ENCRYPTED_MARKER, withSopsMark } from '../../../../src/model/sops-marks.js';
import { maskSopsPair } from '../../../../src/plan/sops-mask.js';
import { refuseUndecrypted } from '../../../../src/run/sops-refusal.js';
import { ApplyRefusedError } from '../../../../src/model/apply-refused.js';
import { limited } from '../../../../src/concurrency/limited.js';

const ENC = (n: number) => `ENC[AES256_GCM,data:${'x'.repeat(n)},iv:aaaa,tag:bbbb,type:str]`;

function configMap(data: Record<string, string>, undecrypted = false): KubeObject {
  const obj = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'n' }, data };
  return withSopsMark(obj, { fields: ['data'], digest: 'sha256:0', undecrypted }) as KubeObject;
}

describe('SOPS documents', () => {
  it('finds every encrypted value outside the sops block, and the top-level fields holding them', () => {
    const doc = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's' },
      stringData: { a: ENC(4), b: 'plain' },
      spec: { list: [ENC(2)] },
      sops: { mac: ENC(9) },
    };
    assert.deepEqual(encryptedPaths(doc), [
      ['stringData', 'a'],
      ['spec', 'list', 0],
    ]);
    assert.deepEqual(encryptedFields(encryptedPaths(doc)), ['stringData', 'spec']);
  });

  it('digests the ciphertext without the sops block, whatever the key order', () => {
    const a = { kind: 'Secret', data: { k: ENC(3) }, sops: { lastmodified: '1' } };
    const b = { data: { k: ENC(3) }, kind: 'Secret', sops: { lastmodified: '2' } };
    assert.equal(ciphertextDigest(a), ciphertextDigest(b));
    assert.notEqual(ciphertextDigest(a), ciphertextDigest({ ...a, data: { k: ENC(4) } }));
  });
});

describe('sops failures', () => {
  const failed = (exitCode: number, stderr = ''): Exclude<SopsResult, { ok: true }> => ({ ok: false, exitCode, stderr, timedOut: false });

  it('never repeats the MAC sops computed (a hash of the plain text)', () => {
    const message = failureMessage(failed(51, 'MAC mismatch. File has 0A1B, computed 9F8E7D6C5B4A39281706F5E4D3C2B1A0'), []);
    assert.match(message, /its SOPS MAC does not match its values/);
    assert.doesNotMatch(message, /9F8E7D6C/);
  });

  it("names the input and the file's recipients for a wrong key, with sops' reasons on one line", () => {
    const stderr =
      'Failed to get the data key\n\nGroup 0: FAILED\n  age1abc: FAILED\n    - | failed to create reader: identity\n      | did not match any of the recipients\n';
    const message = failureMessage(failed(128, stderr), ['age1abc']);
    assert.match(
      message,
      /^cannot be decrypted with the age key in 'sops-age-key'.*\(age1abc\).*sops says: failed to create reader: identity did not match any of the recipients$/,
    );
  });

  it('says a missing sops CLI needs a setup step', () => {
    assert.match(failureMessage({ ok: false, missing: true }, []), /sops CLI is not on PATH: add a step that installs sops/);
  });
});

describe('SOPS objects in a plan', () => {
  it("hides a decrypted ConfigMap's values, short ones too, saying per key what changed", () => {
    const [before, after] = maskSopsPair(configMap({ same: 'v1', gone: 'x', changed: 'old' }), configMap({ same: 'v1', changed: 'new', added: 'y' }));
    assert.deepEqual(before?.data, { same: '(value hidden, unchanged)', gone: '(value hidden, removed)', changed: '(value hidden, before change)' });
    assert.deepEqual(after?.data, { same: '(value hidden, unchanged)', changed: '(value hidden, changed)', added: '(value hidden, added)' });
  });

  it('shows the values of an object that could not be decrypted as encrypted, and the live side as hidden', () => {
    const [before, after] = maskSopsPair(configMap({ k: 'live-value' }), configMap({ k: ENC(5) }, true));
    assert.deepEqual(before?.data, { k: '(value hidden)' });
    assert.deepEqual(after?.data, { k: ENCRYPTED_MARKER });
  });

  it("hides a live Secret's data and stringData even when the manifest encrypted only one of them", () => {
    const live = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { k: 'c2VjcmV0' } };
    const desired = withSopsMark({ ...live, data: { k: 'c2VjcmV0' } }, { fields: ['stringData'], digest: 'sha256:0', undecrypted: false }) as KubeObject;
    assert.deepEqual(maskSopsPair(live, desired)[0]?.data, { k: '(value hidden, unchanged)' });
  });

  it('refuses to apply an object that could not be decrypted, at its file, naming sops-age-key', () => {
    const object = configMap({ k: ENC(5) }, true);
    assert.throws(
      () => refuseUndecrypted([{ object, source: { file: 'deploy/c.yaml', line: 3 } }]),
      (e: unknown) => e instanceof ApplyRefusedError && e.input === 'sops-age-key' && e.details.problems?.[0]?.source?.line === 3,
    );
    refuseUndecrypted([{ object: configMap({ k: 'plain' }), source: { file: 'deploy/c.yaml', line: 1 } }]);
  });
});

describe('the age key', () => {
  it("keeps the key's secret lines, not its public comments", () => {
    assert.deepEqual(ageKeySecrets('# created: 2026\n# public key: age1abc\nAGE-SECRET-KEY-1XYZ\n'), ['AGE-SECRET-KEY-1XYZ']);
    assert.deepEqual(ageKeySecrets(undefined), []);
  });

  it("leaves the runner's INPUT_* variables out of sops' environment", () => {
    assert.deepEqual(sopsEnvironment({ PATH: '/bin', INPUT_KUBECONFIG: 'k', 'INPUT_SOPS-AGE-KEY': 'a', AWS_PROFILE: 'p' }), { PATH: '/bin', AWS_PROFILE: 'p' });
  });
});

describe('the loader and SOPS files', () => {
  const encrypted = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  k: ${ENC(4)}\nsops:\n  mac: ${ENC(8)}\n`;

  function workspace(files: Record<string, string>): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kube-gitops-sops-unit-'));
    for (const [f, t] of Object.entries(files)) writeFileSync(path.join(dir, f), t);
    return dir;
  }

  it('sends the file to sops on stdin with the key, and registers each decrypted value before the objects are seen', async () => {
    const dir = workspace({ 's.yaml': encrypted });
    const requests: SopsRequest[] = [];
    const events: string[] = [];
    try {
      const objects = await loadManifests({
        workspace: dir,
        paths: ['.'],
        exclude: [],
        logger: new RecordingLogger(),
        onObjects: () => events.push('objects'),
        sops: {
          ageKey: 'AGE-SECRET-KEY-1TEST',
          env: {},
          onPlaintext: (values) => events.push(`plaintext ${values.join(',')}`),
          decrypt: (r) => {
            requests.push(r);
            return Promise.resolve({ ok: true, plaintext: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  k: decrypted-value\n' });
          },
        },
      });
      assert.equal(requests[0]?.ciphertext, encrypted);
      assert.equal(requests[0]?.ageKey, 'AGE-SECRET-KEY-1TEST');
      assert.deepEqual(events, ['plaintext decrypted-value', 'objects']);
      assert.deepEqual(objects[0]?.object.stringData, { k: 'decrypted-value' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('loads a file it cannot decrypt without a key as undecrypted, and fails on it with a key given', async () => {
    const dir = workspace({ 's.yaml': encrypted });
    const sops = (ageKey?: string) => ({
      ...(ageKey ? { ageKey } : {}),
      env: {},
      onPlaintext: () => undefined,
      decrypt: () => Promise.resolve<SopsResult>({ ok: false, exitCode: 128, stderr: 'Failed to get the data key', timedOut: false }),
    });
    try {
      const [loaded] = await loadManifests({ workspace: dir, paths: ['.'], exclude: [], logger: new RecordingLogger(), sops: sops() });
      assert.equal(loaded && getAnnotations(loaded.object)['kube-gitops.io/sops-undecrypted'], 'true');
      assert.equal(loaded?.object.sops, undefined, 'the sops block is left out');
      await assert.rejects(
        loadManifests({ workspace: dir, paths: ['.'], exclude: [], logger: new RecordingLogger(), sops: sops('AGE-SECRET-KEY-1WRONG') }),
        (e: unknown) => e instanceof ManifestError && /^'s\.yaml' cannot be decrypted with the age key in 'sops-age-key'/.test(e.problems[0]?.message ?? ''),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SOPS files inside a kustomization', () => {
  it('refuses an encrypted document in kustomize output at the kustomization, since kustomize does not decrypt', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kube-gitops-sops-kust-'));
    try {
      writeFileSync(path.join(dir, 'kustomization.yaml'), 'resources: [secret.yaml]\n');
      writeFileSync(
        path.join(dir, 'secret.yaml'),
        `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  k: ${ENC(4)}\nsops:\n  mac: ${ENC(8)}\n`,
      );
      await assert.rejects(
        loadManifests({ workspace: dir, paths: ['.'], exclude: [], logger: new RecordingLogger() }),
        (e: unknown) =>
          e instanceof ManifestError &&
          e.problems.some((p) => p.source?.file === 'kustomization.yaml' && /holds a SOPS-encrypted document: kustomize does not decrypt/.test(p.message)),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('sops processes at once', () => {
  it('runs at most the limit of calls at a time, in call order, each with its own result', async () => {
    let inFlight = 0;
    let most = 0;
    const order: number[] = [];
    const releases: (() => void)[] = [];
    const slow = limited(async (n: number) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      order.push(n);
      await new Promise<void>((resolve) => releases.push(resolve));
      inFlight -= 1;
      return n * 10;
    }, 2);
    const results = Promise.all([1, 2, 3, 4, 5].map((n) => slow(n)));
    while (order.length < 5) {
      await new Promise((resolve) => setImmediate(resolve));
      releases.shift()?.();
    }
    for (const release of releases) release();
    assert.deepEqual(await results, [10, 20, 30, 40, 50]);
    assert.equal(most, 2);
    assert.deepEqual(order, [1, 2, 3, 4, 5]);
  });
});
