// The manifests of issue 12, class 1: Secrets whose values are copied into other objects in
// every way that once leaked (nested in structured data, as a map key or an object name, inside a
// longer string, in base64 of each form), and short Secret values that must not hide ordinary words.
import { generateKeyPairSync } from 'node:crypto';
import { dump } from 'js-yaml';
import type { KubeObject } from '../../src/objects/kube-object.js';
import { base64Forms, hiddenInBase64 } from './secret-leaks.js';

const pem = generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

/** Each value the manifests hide in a Secret and copy elsewhere (all of 5 or more characters). */
export const SECRET_VALUES = {
  configLine: 'Cfg9Pw-line',
  dockerPassword: 'Dk-Pw-77x',
  pemLine: pem.split('\n')[2] ?? '',
  fivePassword: 'hUnt5',
  mapKey: 'K3yAsName',
  objectName: 'n4me-leak',
  base64Token: 'tok~~~Leak??>?val',
};
const V = SECRET_VALUES;
export const DOCKER_AUTH = Buffer.from(`robot:${V.dockerPassword}`).toString('base64');
const dockerConfig = JSON.stringify({ auths: { 'registry.example': { username: 'robot', password: V.dockerPassword, auth: DOCKER_AUTH } } });
/** Text beside the copies that must stay readable although `true`, `1` and `web` are Secret values too. */
export const READABLE = 'enabled is true; replicas 1; tier web';

export function adversarialSecrets(ns: string): KubeObject[] {
  const secret = (name: string, stringData: Record<string, string>): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace: ns },
    stringData,
  });
  return [
    secret('app-config', { 'config.yaml': `log: info\npassword: ${V.configLine}\n` }),
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'registry', namespace: ns },
      type: 'kubernetes.io/dockerconfigjson',
      data: { '.dockerconfigjson': Buffer.from(dockerConfig).toString('base64') },
    },
    secret('tls', { 'tls.key': pem }),
    secret('db', { password: V.fivePassword }),
    secret('flags', { enabled: 'true', replicas: '1', tier: 'web' }),
    secret('naming', { key: V.mapKey, name: V.objectName }),
    secret('token', { token: V.base64Token }),
  ];
}

export function adversarialCopies(ns: string): KubeObject[] {
  const configMap = (name: string, data: Record<string, string>): KubeObject => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: ns },
    data,
  });
  return [
    configMap('copies', {
      'from-config': V.configLine,
      'docker-password': V.dockerPassword,
      'docker-auth': DOCKER_AUTH,
      'cert-line': V.pemLine,
      url: `postgres://app:${V.fivePassword}@db:5432/shop`,
      [V.mapKey]: 'a value under a secret key',
      readable: READABLE,
      ...Object.fromEntries(base64Forms(V.base64Token).map((f, i) => [`token-b64-${i}`, f])),
      ...Object.fromEntries(hiddenInBase64(V.base64Token).map((f, i) => [`token-embedded-${i}`, f])),
    }),
    configMap(V.objectName, { a: 'b' }),
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'api', namespace: ns },
      spec: {
        selector: { matchLabels: { app: 'api' } },
        template: {
          metadata: { labels: { app: 'api' } },
          spec: {
            containers: [
              {
                name: 'api',
                image: 'registry.example/api:1',
                env: [
                  { name: 'DATABASE_URL', value: `postgres://app:${V.fivePassword}@db:5432/shop` },
                  { name: 'REGISTRY_AUTH', value: `Basic ${DOCKER_AUTH}` },
                ],
              },
            ],
          },
        },
      },
    },
  ];
}

/** The objects as one multi-document YAML file. */
export function asYaml(objects: readonly KubeObject[]): string {
  return objects.map((o) => dump(o, { lineWidth: -1 })).join('---\n');
}
