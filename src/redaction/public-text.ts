// Which text of an object is public, and so never hidden, whatever Secret value it equals or holds.
//
// The rule:
// - Public: every map key (a ConfigMap's `admin-password`, an annotation key, a label key, a Secret's
//   data keys); the `name`, `namespace` and `generateName` of every `metadata` (an object's identity,
//   a pod template's); the `apiVersion` and `kind` of an object and of each item of a list (an owner
//   reference); every value of a label map (`labels`, `matchLabels`, `selector`, `nodeSelector`).
//   They are written in plain text in Git, and the cluster shows them to anyone who may list the
//   object: no Secret belongs there. So a Secret value (or a SOPS-decrypted one) can never hide what
//   a pull request deletes or changes, nor blind a key: `Deployment/prod-eu/payments` and
//   `data.admin-password` read as written.
// - Hidden: everywhere else in an object (annotation values, env values, a ConfigMap's values, any
//   other field), a Secret value of 5 or more characters is hidden wherever it appears, even when the
//   same text is public elsewhere: a password `admin` copied into a ConfigMap value reads
//   `(value hidden)` beside the readable key `admin-password`.
// - Free text (messages, notes, warnings, the rendered comment) cannot say which place a word came
//   from: there a Secret value is left readable only where it lies inside an occurrence of a public
//   text of the run's objects (`payments` inside `Deployment/prod-eu/payments`, `admin` inside
//   `admin-password`), and hidden everywhere else.
// The one consequence: a chart or a kustomize replacement that writes a Secret value into a name, a
// key or a label publishes it (as the cluster itself does); the plan shows it there too.
import { isJsonObject, type JsonValue } from '../objects/kube-object.js';

/** The identity fields of a `metadata`. */
const METADATA_IDENTITY = new Set(['name', 'namespace', 'generateName']);
/** The type fields of an object, or of an item of a list. */
const TYPE_FIELDS = new Set(['apiVersion', 'kind']);
/** Maps whose values are labels. */
const LABEL_MAPS = new Set(['labels', 'matchLabels', 'selector', 'nodeSelector']);

/**
 * Is a string under `key` of a map that sits under `parentKey` public (see the rule above)? The
 * top-level object and the items of a list have no `parentKey`.
 */
export function isPublicField(key: string | undefined, parentKey: string | undefined): boolean {
  if (key === undefined) return false;
  if (parentKey === undefined) return TYPE_FIELDS.has(key);
  return (parentKey === 'metadata' && METADATA_IDENTITY.has(key)) || LABEL_MAPS.has(parentKey);
}

/** Every public text of a value: its map keys and its strings in public places. */
export function publicTexts(value: JsonValue): string[] {
  const out = new Set<string>();
  collect(value, undefined, undefined, out);
  return [...out];
}

function collect(value: JsonValue, key: string | undefined, parentKey: string | undefined, out: Set<string>): void {
  if (typeof value === 'string') {
    if (isPublicField(key, parentKey)) out.add(value);
  } else if (Array.isArray(value)) {
    for (const item of value) collect(item, undefined, key, out);
  } else if (isJsonObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      collect(v, k, key, out);
    }
  }
}
