// SOPS-encrypted manifests with the real sops CLI (built from Go modules) and a fresh age key:
// decrypted in memory, every decrypted value kept out of plans and logs whatever the kind, applied
// with the key against the local control plane; without the key a plan shows the objects encrypted
// (changed or unchanged by ciphertext) and an apply refuses; a wrong key, a tampered file and an
// encrypted metadata are errors at the file, with nothing applied.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ManifestError } from '../../src/model/errors.js';
import { RecordingLogger } from '../../src/model/logger.js';
import type { DesiredObject } from '../../src/objects/desired-object.js';
import { getAnnotations, type KubeObject } from '../../src/objects/kube-object.js';
import { planFromManifests } from '../../src/plan/git-planner.js';
import type { Plan } from '../../src/model/plan.js';
import { planChanges } from '../../src/plan/planner.js';
import { SecretRedactor } from '../../src/redaction/secret-redactor.js';
import { renderPlanMarkdown } from '../../src/render/plan-markdown.js';
import { ApplyRefusedError } from '../../src/model/apply-refused.js';
import { runApply, type ApplySettings } from '../../src/run/apply-run.js';
import { loadDesired } from '../../src/run/load-stage.js';
import { ENCRYPTED_MARKER, SOPS_ENCRYPTED_ANNOTATION } from '../../src/model/sops-marks.js';
import { leaksIn } from '../support/secret-leaks.js';
import { newAgeKey, sopsEncrypt, withSopsOnPath, type AgeKey } from '../support/sops-binary.js';
import { testCluster, testNamespace, type TestCluster } from '../support/test-cluster.js';
import { testApplySettings } from '../support/test-settings.js';

const tag = randomBytes(4).toString('hex');
const PLAIN = {
  password: `sops-password-${tag}`,
  multiLine: `first-line-${tag}\nsecond-line-${tag}\n`,
  token: `sops-config-token-${tag}`,
  short: 'q7',
  jsonValue: `sops-json-value-${tag}`,
};
const SECRETS = [PLAIN.password, `first-line-${tag}`, `second-line-${tag}`, PLAIN.token, PLAIN.jsonValue];

function manifests(ns: string, password = PLAIN.password): string {
  return [
    'apiVersion: v1',
    'kind: Secret',
    'metadata:',
    '  name: db',
    `  namespace: ${ns}`,
    'type: Opaque',
    'stringData:',
    `  password: ${password}`,
    '  multi: |',
    ...PLAIN.multiLine
      .trimEnd()
      .split('\n')
      .map((l) => `    ${l}`),
    '---',
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: settings',
    `  namespace: ${ns}`,
    'data:',
    `  token: ${PLAIN.token}`,
    `  short: ${PLAIN.short}`,
    '',
  ].join('\n');
}

/** The line the second document (the ConfigMap) starts on in an encrypted file. */
function secondDocumentLine(encrypted: string): number {
  return encrypted.split('\n').indexOf('---') + 2;
}

function jsonSecret(ns: string): string {
  return JSON.stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'api', namespace: ns }, stringData: { key: PLAIN.jsonValue } });
}

describe('SOPS-encrypted manifests with the sops CLI and an age key', () => {
  let c: TestCluster;
  let key: AgeKey;
  let restorePath: () => void = () => undefined;
  const cleanups: (() => Promise<void> | void)[] = [];

  before(async () => {
    c = await testCluster();
    restorePath = await withSopsOnPath();
    key = await newAgeKey();
  });
  after(async () => {
    restorePath();
    for (const cleanup of cleanups) await cleanup();
  });

  async function settingsFor(): Promise<ApplySettings> {
    const ns = await testNamespace('sops');
    cleanups.push(ns.cleanup);
    return testApplySettings({ target: ns.name, commit: 'a'.repeat(40), namespace: ns.name, concurrency: 4, timeoutMs: 60_000 });
  }

  function workspace(files: Record<string, string>): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kube-gitops-sops-it-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    for (const [file, text] of Object.entries(files)) writeFileSync(path.join(dir, file), text);
    return dir;
  }

  const load = (dir: string, redactor: SecretRedactor, logger = new RecordingLogger(), sopsAgeKey?: string): Promise<DesiredObject[]> =>
    loadDesired({ workspace: dir, paths: ['.'], exclude: [], ...(sopsAgeKey ? { sopsAgeKey } : {}) }, logger, redactor);

  async function encryptedWorkspace(ns: string): Promise<{ dir: string; yaml: string; json: string }> {
    const yaml = await sopsEncrypt(manifests(ns), key.recipient);
    const json = await sopsEncrypt(jsonSecret(ns), key.recipient, 'json');
    return { dir: workspace({ 'secrets.yaml': yaml, 'api.json': json }), yaml, json };
  }

  function assertNoLeak(texts: Record<string, string>): void {
    for (const [name, text] of Object.entries(texts)) assert.deepEqual(leaksIn(text, SECRETS), [], `the ${name} reveals a decrypted value`);
  }

  function markdownOf(plan: Plan, redactor: SecretRedactor): string {
    return redactor.redactString(renderPlanMarkdown(plan, { marker: '<!-- sops -->', maxBytes: 60_000 }));
  }

  it('decrypts a multi-document YAML file and a JSON file in memory, plans them with every value hidden (the ConfigMap too) and applies the plain values', async () => {
    const settings = await settingsFor();
    const { dir, yaml } = await encryptedWorkspace(settings.namespace);
    assert.ok(!yaml.includes(PLAIN.password) && yaml.includes('ENC[AES256_GCM,'), 'the file in the workspace is ciphertext');
    const redactor = new SecretRedactor();
    const logger = new RecordingLogger();
    const desired = await load(dir, redactor, logger, key.identity);
    const byName = new Map(desired.map((d) => [d.object.metadata.name, d]));
    assert.deepEqual([...byName.keys()].sort(), ['api', 'db', 'settings']);
    assert.equal(byName.get('settings')?.source.line, secondDocumentLine(yaml), 'the second document keeps its line in the encrypted file');
    assert.equal(getAnnotations(byName.get('settings')?.object ?? assert.fail('no ConfigMap'))[SOPS_ENCRYPTED_ANNOTATION], 'data');
    for (const s of SECRETS) assert.equal(redactor.redactString(`x ${s} y`), 'x (value hidden) y', 'every decrypted value is registered');

    const client = c.client();
    try {
      const { plan } = await planChanges(desired, client, settings, logger, redactor);
      assert.deepEqual(plan.problems, []);
      assert.deepEqual(plan.entries.map((e) => `${e.action} ${e.ref.kind}/${e.ref.name}`).sort(), [
        'create ConfigMap/settings',
        'create Secret/api',
        'create Secret/db',
      ]);
      const config = plan.entries.find((e) => e.ref.kind === 'ConfigMap');
      assert.deepEqual(
        config?.after?.data,
        { token: '(value hidden, added)', short: '(value hidden, added)' },
        "a decrypted ConfigMap's values are hidden, short ones too",
      );
      const markdown = markdownOf(plan, redactor);
      assert.ok(!markdown.includes(`short: ${PLAIN.short}`), markdown);

      const report = await runApply(desired, settings, { client, logger, version: '0.0.0-test', now: () => new Date(), redactor });
      assert.equal(report.succeeded, true, logger.messages().join('\n'));
      const live = JSON.parse(await c.kubectl(['get', 'secret', 'db', '-n', settings.namespace, '-o', 'json'])) as KubeObject;
      const data = live.data as Record<string, string>;
      assert.equal(Buffer.from(data.password ?? '', 'base64').toString(), PLAIN.password);
      assert.equal(Buffer.from(data.multi ?? '', 'base64').toString(), PLAIN.multiLine);
      const cm = JSON.parse(await c.kubectl(['get', 'configmap', 'settings', '-n', settings.namespace, '-o', 'json'])) as KubeObject;
      assert.deepEqual(cm.data, { token: PLAIN.token, short: PLAIN.short });
      const api = JSON.parse(await c.kubectl(['get', 'secret', 'api', '-n', settings.namespace, '-o', 'json'])) as KubeObject;
      assert.equal(Buffer.from((api.data as Record<string, string>).key ?? '', 'base64').toString(), PLAIN.jsonValue);

      // A live plan after the apply: the ConfigMap (values and all) reads unchanged, and a prune of it would still hide its values.
      const again = await planChanges(desired, client, settings, logger, redactor);
      assert.deepEqual(
        again.plan.entries.map((e) => e.action),
        ['unchanged', 'unchanged', 'unchanged'],
      );
      const pruned = await planChanges(
        desired.filter((d) => d.object.kind !== 'ConfigMap'),
        client,
        settings,
        logger,
        new SecretRedactor(),
      );
      const deleted = pruned.plan.entries.find((e) => e.action === 'delete');
      assert.deepEqual(
        deleted?.before?.data,
        { token: '(value hidden, removed)', short: '(value hidden, removed)' },
        'the live annotation hides a pruned object too',
      );
      assertNoLeak({ log: logger.messages().join('\n'), plan: JSON.stringify([plan, again.plan, pruned.plan]), markdown: markdownOf(again.plan, redactor) });
    } finally {
      await client.close();
    }
  });

  it('without a key, loads the objects encrypted: the git plan does not fail, shows them as encrypted, unchanged by the same ciphertext and updated by a new one', async () => {
    const ns = 'sops-git';
    const yaml = await sopsEncrypt(manifests(ns), key.recipient);
    const base = await load(workspace({ 'secrets.yaml': yaml }), new SecretRedactor());
    const same = await load(workspace({ 'secrets.yaml': yaml }), new SecretRedactor());
    const changedYaml = await sopsEncrypt(manifests(ns, `${PLAIN.password}-rotated`), key.recipient);
    const logger = new RecordingLogger();
    const changed = await load(workspace({ 'secrets.yaml': changedYaml }), new SecretRedactor(), logger);
    assert.ok(
      logger.messages().some((m) => /'secrets\.yaml' is encrypted with SOPS and cannot be decrypted here \(no age key was given/.test(m)),
      logger.messages().join('\n'),
    );

    const options = { target: 'sops', commit: 'b'.repeat(40), reason: 'git diff', namespace: ns };
    const unchanged = planFromManifests(base, same, options);
    assert.deepEqual(unchanged.problems, []);
    assert.deepEqual(
      unchanged.entries.map((e) => e.action),
      ['unchanged', 'unchanged'],
    );
    const updated = planFromManifests(base, changed, options);
    assert.deepEqual(
      updated.entries.map((e) => `${e.action} ${e.ref.kind}`),
      ['update Secret', 'update ConfigMap'],
    );
    const secret = updated.entries.find((e) => e.ref.kind === 'Secret');
    assert.deepEqual(secret?.after?.stringData, { password: ENCRYPTED_MARKER, multi: ENCRYPTED_MARKER });
    assert.ok(
      secret?.notes.some((n) => /^encrypted: cannot be decrypted here \(SOPS, no key\): .*ciphertext at the base commit/.test(n)),
      secret?.notes.join('\n'),
    );
    assert.ok(
      updated.warnings.some((w) => /2 object\(s\) from SOPS-encrypted files cannot be decrypted here \(no 'sops-age-key'/.test(w)),
      updated.warnings.join('\n'),
    );
    const markdown = renderPlanMarkdown(updated, { marker: '<!-- sops -->', maxBytes: 60_000 });
    assert.ok(markdown.includes('> encrypted: cannot be decrypted here (SOPS, no key)'), markdown);
    assert.ok(!markdown.includes('ENC[AES256_GCM'), 'no ciphertext in the comment');
    assertNoLeak({ markdown, plan: JSON.stringify(updated) });
  });

  it('without a key, a live plan reads the objects unchanged by the ciphertext live, updated by a new one, and an apply refuses naming sops-age-key with nothing written', async () => {
    const settings = await settingsFor();
    const { dir, yaml } = await encryptedWorkspace(settings.namespace);
    const client = c.client();
    try {
      const report = await runApply(await load(dir, new SecretRedactor(), new RecordingLogger(), key.identity), settings, {
        client,
        logger: new RecordingLogger(),
        version: '0.0.0-test',
        now: () => new Date(),
      });
      assert.equal(report.succeeded, true);
      const undecrypted = await load(dir, new SecretRedactor());
      const { plan } = await planChanges(undecrypted, client, settings, new RecordingLogger());
      assert.deepEqual(plan.problems, []);
      assert.deepEqual(
        plan.entries.map((e) => e.action),
        ['unchanged', 'unchanged', 'unchanged'],
      );

      const rotated = await sopsEncrypt(manifests(settings.namespace, `${PLAIN.password}-rotated`), key.recipient);
      writeFileSync(path.join(dir, 'secrets.yaml'), rotated);
      const next = await load(dir, new SecretRedactor());
      const changed = await planChanges(next, client, settings, new RecordingLogger());
      assert.deepEqual(
        changed.plan.entries.map((e) => `${e.action} ${e.ref.kind}/${e.ref.name}`),
        ['unchanged Secret/api', 'update Secret/db', 'update ConfigMap/settings'],
      );

      await assert.rejects(
        runApply(next, settings, { client, logger: new RecordingLogger(), version: '0.0.0-test', now: () => new Date() }),
        (error: unknown) => {
          assert.ok(error instanceof ApplyRefusedError);
          assert.equal(error.input, 'sops-age-key');
          assert.match(error.message, /Nothing was applied: 3 object\(s\) are encrypted with SOPS/);
          assert.deepEqual(error.details.problems?.map((p) => `${p.source?.file}:${p.source?.line}`).sort(), [
            'api.json:1',
            'secrets.yaml:1',
            `secrets.yaml:${secondDocumentLine(rotated)}`,
          ]);
          return true;
        },
      );
      const live = JSON.parse(await c.kubectl(['get', 'secret', 'db', '-n', settings.namespace, '-o', 'json'])) as KubeObject;
      assert.equal(Buffer.from((live.data as Record<string, string>).password ?? '', 'base64').toString(), PLAIN.password, 'the refused apply wrote nothing');
      assert.ok(yaml !== rotated);
    } finally {
      await client.close();
    }
  });

  it('refuses a wrong key, a tampered value, a tampered plain field and an encrypted metadata at the file, with nothing loaded', async () => {
    const ns = 'sops-bad';
    const yaml = await sopsEncrypt(manifests(ns), key.recipient);
    const failure = async (files: Record<string, string>, ageKey = key.identity): Promise<string> => {
      const redactor = new SecretRedactor();
      const error = await load(workspace(files), redactor, new RecordingLogger(), ageKey).then(
        () => assert.fail('loaded'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof ManifestError, String(error));
      assert.equal(error.problems.length, 1);
      const [p] = error.problems;
      return `${p?.source?.file}:${p?.source?.line} ${p?.message ?? ''}`;
    };
    const other = await newAgeKey();
    const wrong = await failure({ 'secrets.yaml': yaml }, other.identity);
    assert.match(wrong, /^secrets\.yaml:1 'secrets\.yaml' cannot be decrypted with the age key in 'sops-age-key'/);
    assert.ok(wrong.includes(key.recipient), 'names the recipients the file has');
    assert.ok(!wrong.includes(other.secretLine), 'never the key');

    const value = /password: (ENC\[AES256_GCM,data:)([^,]+)/.exec(yaml);
    assert.ok(value?.[2]);
    const flipped = value[2].startsWith('A') ? `B${value[2].slice(1)}` : `A${value[2].slice(1)}`;
    assert.match(
      await failure({ 'secrets.yaml': yaml.replace(value[2], flipped) }),
      /^secrets\.yaml:1 .*has a value that cannot be decrypted: its ciphertext was changed/,
    );

    const moved = await failure({ 'secrets.yaml': yaml.replace('name: settings', 'name: settings-elsewhere') });
    assert.match(moved, /^secrets\.yaml:1 .*was changed after it was encrypted: its SOPS MAC does not match/);
    assert.doesNotMatch(moved, /[0-9A-F]{64}/, "sops' computed MAC (a hash of the plain text) is not shown");

    const everything = await sopsEncrypt(manifests(ns), key.recipient, 'yaml', '.*');
    assert.match(
      await failure({ 'all.yaml': everything }),
      /^all\.yaml:1 'all\.yaml' has apiVersion encrypted: apiVersion, kind and metadata must stay in plain text/,
    );
  });
});
