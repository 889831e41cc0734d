// Every kind of input a load reads maps a change to its targets: a Helm chart's values file, a
// SOPS-encrypted file (decrypted with the real sops), a kustomize Component and a file a
// generator reads. Each fleet has a target beside that reads something else, which stays unplanned.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { RecordingLogger } from '../../../src/model/logger.js';
import { FleetRepo, configMap, planned, whyOf } from '../../support/fleet-repo.js';
import { helmForSuite } from '../../support/helm-binary.js';
import { newAgeKey, sopsEncrypt, withSopsOnPath, type AgeKey } from '../../support/sops-binary.js';

const made: FleetRepo[] = [];
after(() => made.forEach((r) => r.cleanup()));
const repoOf = (files: Record<string, string>) => {
  const repo = new FleetRepo(files);
  made.push(repo);
  return repo;
};

const helmChart = (values: string) =>
  `apiVersion: kube-gitops.io/v1alpha1\nkind: HelmChart\nmetadata:\n  name: app\nspec:\n  chart: ../../charts/app\n  valuesFiles: [../../values/${values}.yaml]\n`;
const secret = (password: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\nstringData:\n  password: ${password}\n`;

describe('selectTargets, input by input', () => {
  helmForSuite();
  let key: AgeKey;
  let restorePath: () => void = () => undefined;
  before(async () => {
    restorePath = await withSopsOnPath();
    key = await newAgeKey();
  });
  after(() => restorePath());

  it('plans the target whose chart reads a changed values file, not the one with other values', async () => {
    const repo = repoOf({
      'charts/app/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 0.1.0\n',
      'charts/app/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  size: "{{ .Values.size }}"\n',
      'values/prod.yaml': 'size: 3\n',
      'values/staging.yaml': 'size: 1\n',
      'apps/prod/app.yaml': helmChart('prod'),
      'apps/staging/app.yaml': helmChart('staging'),
    });
    const targets = [repo.target('prod', ['apps/prod']), repo.target('staging', ['apps/staging'])];
    repo.write('values/prod.yaml', 'size: 5\n');
    const selection = await repo.select(targets);
    assert.deepEqual(planned(selection), ['prod']);
    assert.equal(whyOf(selection, 'prod'), '`values/prod.yaml` changed (its load reads it)');
  });

  it('plans the target that decrypts a changed SOPS file, and no decrypted value reaches the why or the log', async () => {
    const repo = repoOf({ 'apps/db/secret.yaml': await sopsEncrypt(secret('first-password-0001'), key.recipient), 'apps/web/cm.yaml': configMap('web') });
    const sops = { sopsAgeKey: key.secretLine };
    const targets = [repo.target('db', ['apps/db'], sops), repo.target('web', ['apps/web'], sops)];
    repo.write('apps/db/secret.yaml', await sopsEncrypt(secret('second-password-0002'), key.recipient));
    const logger = new RecordingLogger();
    const selection = await repo.select(targets, async () => targets, logger);
    assert.deepEqual(planned(selection), ['db']);
    assert.equal(whyOf(selection, 'db'), '`apps/db/secret.yaml` changed (its load reads it)');
    const published = JSON.stringify([selection.targets.map((t) => t.why), logger.records]);
    assert.doesNotMatch(published, /second-password|first-password/);
  });

  it('plans the target whose kustomization uses a changed Component', async () => {
    const repo = repoOf({
      'components/labels/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nlabels:\n  - pairs: {tier: web}\n',
      'apps/web/kustomization.yaml': 'resources: [cm.yaml]\ncomponents: [../../components/labels]\n',
      'apps/web/cm.yaml': configMap('web'),
      'apps/api/kustomization.yaml': 'resources: [cm.yaml]\n',
      'apps/api/cm.yaml': configMap('api'),
    });
    const targets = [repo.target('web', ['apps/web']), repo.target('api', ['apps/api'])];
    repo.write('components/labels/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nlabels:\n  - pairs: {tier: front}\n');
    const selection = await repo.select(targets);
    assert.deepEqual(planned(selection), ['web']);
    assert.equal(whyOf(selection, 'web'), '`components/labels/kustomization.yaml` changed (inside `components/labels`, which its load reads whole)');
  });

  it('plans the targets whose generator reads a changed file of a base they build', async () => {
    const repo = repoOf({
      'base/kustomization.yaml': 'configMapGenerator:\n  - name: settings\n    envs: [app.env]\n',
      'base/app.env': 'MODE=fast\n',
      'apps/web/kustomization.yaml': 'resources: [../../base]\n',
      'apps/api/kustomization.yaml': 'resources: [cm.yaml]\n',
      'apps/api/cm.yaml': configMap('api'),
    });
    const targets = [repo.target('web', ['apps/web']), repo.target('api', ['apps/api'])];
    repo.write('base/app.env', 'MODE=slow\n');
    const selection = await repo.select(targets);
    assert.deepEqual(planned(selection), ['web']);
    assert.match(whyOf(selection, 'web'), /^`base\/app\.env` changed \((its load reads it|inside `base`, which its load reads whole)\)$/);
  });
});
