// A password copied out of a Secret whose value holds it inside a common credential format: each
// format's value, copied alone into a ConfigMap, must be hidden in the comment, the job summary,
// the plan file and the log. One tokenizer (credential-fields.ts) reads them all.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RecordingLogger } from '../../../src/model/logger.js';
import type { KubeObject } from '../../../src/objects/kube-object.js';
import { planFromManifests } from '../../../src/plan/git-planner.js';
import { RedactingLogger } from '../../../src/redaction/redacting-logger.js';
import { SecretRedactor } from '../../../src/redaction/secret-redactor.js';
import { renderPlanJson, renderPlanMarkdown } from '../../../src/render/plan-markdown.js';
import { leaksIn } from '../../support/secret-leaks.js';

/** Each format: the Secret's value and the password inside it that is copied alone. */
const FORMATS: Array<{ format: string; value: string; password: string }> = [
  { format: 'a ;-separated connection string', value: 'Server=db.example;Database=shop;User Id=app;Password=Conn5tr-Pw;', password: 'Conn5tr-Pw' },
  { format: 'a JDBC URL query', value: 'jdbc:postgresql://db:5432/shop?user=app&password=JdbcPw-77&ssl=true', password: 'JdbcPw-77' },
  { format: 'an XML element', value: '<config><user>app</user><password>XmlPw-889</password></config>', password: 'XmlPw-889' },
  { format: 'an XML attribute', value: '<connection user="app" password="AttrPw-31"/>', password: 'AttrPw-31' },
  { format: 'a URL with an empty user', value: 'redis://:RedisPw-42@cache:6379/0', password: 'RedisPw-42' },
  { format: 'an Authorization: Bearer header', value: 'Authorization: Bearer eyJBearerTok.abc', password: 'eyJBearerTok.abc' },
  { format: 'a space-separated Password line', value: 'Password S3cr3tSpace', password: 'S3cr3tSpace' },
  { format: 'an ini line', value: '[db]\nhost = db.example\npassword = IniPw-123\n', password: 'IniPw-123' },
  { format: 'an env file export', value: 'export PW="EnvPw-456"\nexport USER=app\n', password: 'EnvPw-456' },
  { format: 'a user:password pair', value: 'admin:PairPw-789', password: 'PairPw-789' },
  { format: 'a netrc line', value: 'machine api.example login robot password netrcpw9', password: 'netrcpw9' },
  { format: 'HTTP Basic credentials', value: `Authorization: Basic ${Buffer.from('robot:BasicPw-1').toString('base64')}`, password: 'BasicPw-1' },
  { format: 'a percent-encoded URL password', value: 'amqp://guest:p%40ss-word@mq/', password: 'p@ss-word' },
  { format: 'a comma-separated key=value list', value: 'host=db,port=5432,pass=CommaPw-5', password: 'CommaPw-5' },
];

const secret = (value: string): KubeObject => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds', namespace: 'shop' }, stringData: { value } });
const copy = (password: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'copied', namespace: 'shop' },
  data: { copied: password, inside: `prefix ${password} suffix` },
});

describe('Secret values inside common credential formats', () => {
  for (const { format, value, password } of FORMATS) {
    it(`hides the password of ${format} copied alone into a ConfigMap, in the comment, the summary, the plan file and the log`, () => {
      const redactor = new SecretRedactor();
      const objects = [secret(value), copy(password)].map((object, i) => ({ object, source: { file: `deploy/${i}.yaml`, line: 1 } }));
      const plan = planFromManifests([], objects, { target: 'production', commit: '3f2a9c1e5d', reason: 'unit test', namespace: 'shop', redactor });
      const comment = redactor.redactString(renderPlanMarkdown(plan, { marker: '<!-- m -->', maxBytes: 65_000 }));
      const summary = redactor.redactString(renderPlanMarkdown(plan, { marker: '<!-- m -->', maxBytes: 1_000_000 }));
      const planFile = redactor.redactString(renderPlanJson(plan));
      const recorded = new RecordingLogger();
      new RedactingLogger(recorded, redactor).error(`ConfigMap/shop/copied: invalid value "${password}"`);
      const log = recorded.records.map((r) => r.message).join('\n');
      for (const [where, text] of Object.entries({ comment, summary, planFile, log })) assert.deepEqual(leaksIn(text, [password]), [], `${where} reveals it`);
      assert.match(comment, /copied: \(value hidden\)/);
      assert.match(comment, /inside: prefix \(value hidden\) suffix/);
    });
  }

  it('keeps ordinary words readable: a sentence in a Secret is hidden whole, not word by word', () => {
    const redactor = new SecretRedactor();
    const prose: KubeObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'prose', namespace: 'shop' },
      data: { text: 'a brown fox in the world' },
    };
    const objects = [
      secret('the quick brown fox jumps over the lazy dog'),
      { ...secret('hello world'), metadata: { name: 'greeting', namespace: 'shop' } },
      prose,
    ].map((object, i) => ({
      object,
      source: { file: `deploy/${i}.yaml`, line: 1 },
    }));
    const plan = planFromManifests([], objects, { target: 'production', commit: '3f2a9c1e5d', reason: 'unit test', namespace: 'shop', redactor });
    assert.deepEqual(plan.entries.find((e) => e.ref.name === 'prose')?.after?.data, { text: 'a brown fox in the world' });
  });
});
