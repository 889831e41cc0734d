// SOPS and Helm charts together, with the real sops and helm CLIs: a HelmChart document in a
// SOPS-encrypted file renders with its decrypted values and every object it renders is masked like a
// Secret (short values too, in the plan and in the hidden review record); without the key the chart
// is a problem at the document, never rendered from ciphertext; a SOPS-encrypted values file is refused.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ManifestError } from '../../src/model/errors.js';
import { RecordingLogger } from '../../src/model/logger.js';
import { getAnnotations } from '../../src/objects/kube-object.js';
import { planFromManifests } from '../../src/plan/git-planner.js';
import { SecretRedactor } from '../../src/redaction/secret-redactor.js';
import { renderPlanMarkdown } from '../../src/render/plan-markdown.js';
import { reviewRecord } from '../../src/review/review-record.js';
import { loadDesired } from '../../src/run/load-stage.js';
import { SOPS_ENCRYPTED_ANNOTATION } from '../../src/model/sops-marks.js';
import { withHelmOnPath } from '../support/helm-binary.js';
import { newAgeKey, sopsEncrypt, withSopsOnPath, type AgeKey } from '../support/sops-binary.js';

const charts = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../fixtures/charts');
/** Too short for the redactor's every-string rule: only the SOPS mark hides it. */
const SHORT = 'q7z';

const helmChart = (valuesFiles: string[] = []) =>
  [
    'apiVersion: kube-gitops.io/v1alpha1',
    'kind: HelmChart',
    'metadata:',
    '  name: greet',
    '  namespace: greet',
    'spec:',
    '  chart: ../greeter',
    ...(valuesFiles.length ? [`  valuesFiles: [${valuesFiles.join(', ')}]`] : []),
    '  values:',
    `    greeting: ${SHORT}`,
    '',
  ].join('\n');

describe('SOPS-encrypted HelmChart documents and values files, with the real sops and helm', () => {
  let key: AgeKey;
  const restores: (() => void)[] = [];
  const dirs: string[] = [];

  before(async () => {
    restores.push(await withSopsOnPath(), await withHelmOnPath());
    key = await newAgeKey();
  });
  after(() => {
    for (const restore of restores.reverse()) restore();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  function workspace(files: Record<string, string>): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kube-gitops-sops-helm-'));
    dirs.push(dir);
    cpSync(path.join(charts, 'greeter'), path.join(dir, 'greeter'), { recursive: true });
    mkdirSync(path.join(dir, 'deploy'));
    for (const [file, text] of Object.entries(files)) writeFileSync(path.join(dir, 'deploy', file), text);
    return dir;
  }

  const load = (dir: string, redactor: SecretRedactor, sopsAgeKey?: string) =>
    loadDesired(
      { workspace: dir, paths: ['deploy'], exclude: [], namespace: 'default', ...(sopsAgeKey ? { sopsAgeKey } : {}) },
      new RecordingLogger(),
      redactor,
    );

  it('renders an encrypted HelmChart with the key and hides every rendered value, short ones too, in the plan and the review record', async () => {
    const dir = workspace({ 'greet.yaml': await sopsEncrypt(helmChart(), key.recipient, 'yaml', '^values$') });
    const redactor = new SecretRedactor();
    const desired = await load(dir, redactor, key.identity);
    const cm = desired.find((d) => d.object.kind === 'ConfigMap');
    assert.ok(cm, 'the chart rendered its ConfigMap');
    assert.equal((cm.object.data as Record<string, string>).greeting, SHORT, 'rendered with the decrypted value');
    assert.match(getAnnotations(cm.object)[SOPS_ENCRYPTED_ANNOTATION] ?? '', /\bdata\b/);

    const plan = planFromManifests([], desired, { target: 'greet', commit: 'c'.repeat(40), reason: 'git diff', namespace: 'greet', redactor });
    const markdown = renderPlanMarkdown(plan, { marker: '<!-- sops-helm -->', maxBytes: 60_000 });
    const record = JSON.stringify(reviewRecord(plan, desired, redactor));
    assert.ok(!markdown.includes(SHORT), 'the plan shows the short decrypted value');
    assert.match(markdown, /\(value hidden, added\)/);
    // The same objects with another decrypted value (the ciphertext digest kept): the record is the same.
    const other = desired.map((d) =>
      d === cm ? { ...d, object: { ...d.object, data: { ...(d.object.data as Record<string, string>), greeting: 'x8w' } } } : d,
    );
    assert.equal(JSON.stringify(reviewRecord(plan, other, redactor)), record, 'the review record depends on the decrypted value');
  });

  it('refuses to render an encrypted HelmChart without the key, naming the document and the input', async () => {
    const dir = workspace({ 'greet.yaml': await sopsEncrypt(helmChart(), key.recipient, 'yaml', '^values$') });
    await assert.rejects(load(dir, new SecretRedactor()), (error: unknown) => {
      assert.ok(error instanceof ManifestError, String(error));
      assert.match(error.message, /deploy\/greet\.yaml:\d+: HelmChart\/greet: its file is SOPS-encrypted and cannot be decrypted here.*sops-age-key/);
      return true;
    });
  });

  it('refuses a SOPS-encrypted values file (helm would read its ciphertext), naming it', async () => {
    const encrypted = await sopsEncrypt(`greeting: ${SHORT}\n`, key.recipient, 'yaml', '^greeting$');
    const dir = workspace({ 'greet.yaml': helmChart(['../secret-values.yaml']), '../secret-values.yaml': encrypted });
    await assert.rejects(load(dir, new SecretRedactor(), key.identity), (error: unknown) => {
      assert.ok(error instanceof ManifestError, String(error));
      assert.match(error.message, /^Invalid manifest: deploy\/greet\.yaml:\d+: HelmChart\/greet: the values file secret-values\.yaml is SOPS-encrypted/);
      return true;
    });
  });
});
