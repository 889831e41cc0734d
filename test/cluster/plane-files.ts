// The files a local control plane is given: the admin kubeconfig (CA and client certificate
// embedded, so the file alone reaches the plane) and the kwok Nodes of the full plane.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Writes `<dir>/admin.kubeconfig` for `server` from the certificates in `<dir>/pki`; returns its path. */
export function writeKubeconfig(dir: string, server: string): string {
  const b64 = (f: string) => readFileSync(path.join(dir, 'pki', f)).toString('base64');
  const file = path.join(dir, 'admin.kubeconfig');
  const text = `apiVersion: v1
kind: Config
clusters:
- name: kube-gitops-test
  cluster:
    server: ${server}
    certificate-authority-data: ${b64('ca.crt')}
users:
- name: kube-gitops-admin
  user:
    client-certificate-data: ${b64('admin.crt')}
    client-key-data: ${b64('admin.key')}
contexts:
- name: kube-gitops-test
  context:
    cluster: kube-gitops-test
    user: kube-gitops-admin
    namespace: default
current-context: kube-gitops-test
`;
  writeFileSync(file, text, { mode: 0o600 });
  return file;
}

/** `count` fake Nodes for kwok to manage. */
export function nodesManifest(count: number): string {
  return Array.from(
    { length: count },
    (_, i) => `apiVersion: v1
kind: Node
metadata:
  name: kwok-node-${i}
  annotations:
    kwok.x-k8s.io/node: fake
  labels:
    type: kwok
    kubernetes.io/os: linux
    kubernetes.io/arch: amd64
    kubernetes.io/hostname: kwok-node-${i}
status:
  allocatable: {cpu: "640", memory: 2560Gi, pods: "10000"}
  capacity: {cpu: "640", memory: 2560Gi, pods: "10000"}
`,
  ).join('---\n');
}
