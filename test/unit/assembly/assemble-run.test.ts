// Issue 26, item 3: one assembly for both front ends. Every credential the settings hold is
// registered with the run's redactor before the first line is logged; each target gets an engine
// recording the same ApplySet tooling (the version), whichever front end assembled it; a run of
// several targets gets one engine each.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assembleRun, onlyTarget } from '../../../src/assembly/assemble-run.js';
import { actionManifestsWording, cliManifestsWording, failureLine } from '../../../src/assembly/failure-line.js';
import { ManifestError } from '../../../src/model/errors.js';
import { RecordingLogger } from '../../../src/model/logger.js';
import { SecretRedactor } from '../../../src/redaction/secret-redactor.js';
import { readSettings } from '../../../src/settings/read-settings.js';
import { splitSettings, targetSettings } from '../../../src/settings/settings.js';
import { VERSION } from '../../../src/version.js';

const TOKEN = 'kubeconfig-bearer-t0ken-4471';
const GITHUB_TOKEN = 'ghs_assemblyToken0000000000000000001';
const AGE_KEY = 'AGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ';
const ENV_AGE_KEY = 'AGE-SECRET-KEY-1ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ';
const KUBECONFIG = `apiVersion: v1
kind: Config
clusters: [{name: c, cluster: {server: 'https://127.0.0.1:6443'}}]
users: [{name: u, user: {token: ${TOKEN}}}]
contexts: [{name: x, context: {cluster: c, user: u}}]
current-context: x
`;

const inputs: Record<string, string> = { kubeconfig: KUBECONFIG, 'github-token': GITHUB_TOKEN, 'sops-age-key': AGE_KEY, name: 'shop' };
const settings = () => readSettings((name) => inputs[name] ?? '', { GITHUB_WORKSPACE: '/work/repo' });

describe('the assembly of a run', () => {
  it('registers every credential before the first line: the kubeconfig, the token, the age keys', () => {
    const logged = new RecordingLogger();
    const redactor = new SecretRedactor();
    const run = assembleRun(settings(), redactor, { logger: logged, env: { SOPS_AGE_KEY: ENV_AGE_KEY }, noKubeconfig: 'none' });
    run.logger.info(`token ${TOKEN}, github ${GITHUB_TOKEN}, keys ${AGE_KEY} ${ENV_AGE_KEY}`);
    const [line = ''] = logged.messages();
    for (const secret of [TOKEN, GITHUB_TOKEN, AGE_KEY, ENV_AGE_KEY]) assert.ok(!line.includes(secret), line);
  });

  it('gives each target an engine that records the version as the tooling, for any front end', () => {
    for (const noKubeconfig of ['the Action', 'the CLI']) {
      const engine = onlyTarget(assembleRun(settings(), new SecretRedactor(), { logger: new RecordingLogger(), env: {}, noKubeconfig }));
      assert.equal(engine.version, VERSION);
      assert.equal(engine.settings.target, 'shop');
      assert.equal(engine.fieldManager, engine.settings.fieldManager);
      assert.equal(engine.concurrency, engine.settings.concurrency);
    }
  });

  it("builds a target's client only when asked, and names what is missing without a kubeconfig", () => {
    const { kubeconfig: _kubeconfig, ...withoutKubeconfig } = settings();
    const engine = onlyTarget(
      assembleRun(withoutKubeconfig, new SecretRedactor(), { logger: new RecordingLogger(), env: {}, noKubeconfig: 'No kubeconfig here.' }),
    );
    assert.throws(() => engine.makeClient(), /^ConfigurationError: No kubeconfig here\.$/);
  });

  it('splits the settings into the run-wide part and a list of targets, and joins them back', () => {
    const whole = settings();
    const config = splitSettings(whole);
    assert.equal(config.targets.length, 1);
    assert.equal(config.run.githubToken, GITHUB_TOKEN);
    assert.equal('githubToken' in (config.targets[0] ?? {}), false);
    assert.equal('target' in config.run, false);
    assert.deepEqual(targetSettings(config.run, config.targets[0]!), whole);
  });

  it('words a failure once for both front ends, each counting invalid manifests in its own words', () => {
    const redactor = new SecretRedactor();
    redactor.add([TOKEN]);
    const many = new ManifestError([{ message: 'a' }, { message: 'b' }], true);
    assert.equal(
      failureLine(many, actionManifestsWording, redactor),
      '2 invalid manifests; each is annotated at its file and line, and listed in the job summary.',
    );
    assert.equal(failureLine(many, cliManifestsWording, redactor), '2 problem(s) in the manifests, each shown above at its file and line: nothing was done.');
    assert.equal(failureLine(new Error(`boom ${TOKEN}`), cliManifestsWording, redactor), 'kube-gitops failed: boom (value hidden)');
  });
});
