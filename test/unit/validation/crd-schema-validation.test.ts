import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JsonObject, KubeObject } from '../../../src/objects/kube-object.js';
import { CrdSchemaValidator } from '../../../src/validation/crd-validator.js';

function crd(schema: JsonObject, extra: JsonObject = {}): KubeObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.com' },
    spec: {
      group: 'example.com',
      scope: 'Namespaced',
      names: { kind: 'Widget', plural: 'widgets' },
      versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: schema } } }, ...extra }],
    },
  };
}

function widget(spec: JsonObject, metadata: JsonObject = {}): KubeObject {
  return { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'ns', labels: { any: 'thing' }, ...metadata }, spec };
}

async function errorsOf(schema: JsonObject, spec: JsonObject): Promise<string[]> {
  const verdict = (await CrdSchemaValidator.of([crd(schema)])).validate(widget(spec));
  assert.ok(verdict, 'the CRD defines Widget');
  return verdict.errors;
}

const props = (properties: JsonObject, more: JsonObject = {}): JsonObject => ({ type: 'object', properties, ...more });

describe('custom resources checked against a CRD of the same change', () => {
  it('names the field and the expected type when a value has the wrong type', async () => {
    assert.deepEqual(await errorsOf(props({ replicas: { type: 'integer' } }), { replicas: 'three' }), ['.spec.replicas: must be integer']);
  });

  it('rejects an unknown field as strict field validation does', async () => {
    assert.deepEqual(await errorsOf(props({ size: { type: 'string' } }), { size: 'L', colour: 'red' }), ['.spec.colour: unknown field']);
  });

  it('lets fields pass in an object whose schema declares none, which server-side apply drops', async () => {
    assert.deepEqual(await errorsOf(props({ opts: { type: 'object' } }), { opts: { a: 1 } }), []);
  });

  it('checks the values of a map declared by additionalProperties', async () => {
    assert.deepEqual(await errorsOf(props({ env: { type: 'object', additionalProperties: { type: 'string' } } }), { env: { A: 'x', B: 2 } }), [
      '.spec.env.B: must be string',
    ]);
  });

  it('accepts an integer or a string for x-kubernetes-int-or-string and nothing else', async () => {
    const schema = props({ port: { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] } });
    assert.deepEqual(await errorsOf(schema, { port: 8080 }), []);
    assert.deepEqual(await errorsOf(schema, { port: 'http' }), []);
    assert.deepEqual(await errorsOf(schema, { port: true }), ['.spec.port: must be integer or string']);
  });

  it('keeps unknown fields under x-kubernetes-preserve-unknown-fields while checking the declared ones', async () => {
    const schema = props({ config: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { level: { type: 'integer' } } } });
    assert.deepEqual(await errorsOf(schema, { config: { anything: { deep: [1, 'x'] }, level: 2 } }), []);
    assert.deepEqual(await errorsOf(schema, { config: { level: 'high' } }), ['.spec.config.level: must be integer']);
  });

  it('allows apiVersion, kind and metadata in an embedded resource and requires apiVersion and kind', async () => {
    const schema = props({
      template: {
        type: 'object',
        'x-kubernetes-embedded-resource': true,
        properties: { spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
      },
    });
    assert.deepEqual(
      await errorsOf(schema, { template: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', labels: { a: 'b' } }, spec: { k: 1 } } }),
      [],
    );
    assert.deepEqual((await errorsOf(schema, { template: { metadata: { name: 'x' } } })).sort(), [
      '.spec.template.apiVersion: Required value',
      '.spec.template.kind: Required value',
    ]);
    assert.deepEqual(await errorsOf(schema, { template: { apiVersion: 'v1', kind: 'ConfigMap', data: {} } }), ['.spec.template.data: unknown field']);
  });

  it('accepts null in a nullable field or one with a default, and rejects it elsewhere', async () => {
    assert.deepEqual(await errorsOf(props({ note: { type: 'string', nullable: true } }), { note: null }), []);
    assert.deepEqual(await errorsOf(props({ note: { type: 'string', enum: ['a'], nullable: true } }), { note: null }), []);
    assert.deepEqual(await errorsOf(props({ note: { type: 'string', default: 'd' } }), { note: null }), []);
    assert.deepEqual(await errorsOf(props({ note: { type: 'string' } }), { note: null }), ['.spec.note: must be string']);
    assert.deepEqual(await errorsOf(props({ list: { type: 'array', items: { type: 'string' } } }), { list: [null] }), ['.spec.list[0]: must be string']);
  });

  it('checks bounds, patterns, enums and duplicate keys of map lists', async () => {
    const schema = props({
      replicas: { type: 'integer', minimum: 1, maximum: 5, exclusiveMaximum: true },
      name: { type: 'string', pattern: '^[a-z]+$', maxLength: 5 },
      tier: { type: 'string', enum: ['gold', 'silver'] },
      ports: { type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'], items: props({ name: { type: 'string' } }) },
    });
    assert.deepEqual(await errorsOf(schema, { replicas: 4, name: 'abc', tier: 'gold', ports: [{ name: 'a' }, { name: 'b' }] }), []);
    assert.deepEqual((await errorsOf(schema, { replicas: 5, name: 'ABCDEFG', tier: 'bronze', ports: [{ name: 'a' }, { name: 'a' }] })).sort(), [
      '.spec.name: must NOT have more than 5 characters',
      '.spec.name: must match pattern "^[a-z]+$"',
      '.spec.ports: two items have the same name',
      '.spec.replicas: must be < 5',
      '.spec.tier: must be one of "gold", "silver"',
    ]);
  });

  it("leaves the custom resource's own metadata to the server", async () => {
    const schema = crd(props({}));
    const verdict = (await CrdSchemaValidator.of([schema])).validate(widget({}, { annotations: { a: 'b' }, finalizers: ['x'] }));
    assert.deepEqual(verdict?.errors, []);
  });

  it('says which checks of the CRD could not run', async () => {
    const schema = props(
      { when: { type: 'string', format: 'date-time' }, n: { type: 'integer', format: 'int32' } },
      { 'x-kubernetes-validations': [{ rule: 'self.n > 0' }] },
    );
    const verdict = (await CrdSchemaValidator.of([crd(schema)])).validate(widget({ when: 'yesterday', n: 1 }));
    assert.deepEqual(verdict, {
      crdName: 'widgets.example.com',
      errors: [],
      unchecked: ['CEL validation rules (x-kubernetes-validations)', 'format date-time'],
    });
  });

  it('refuses a version the CRD does not serve', async () => {
    const verdict = (await CrdSchemaValidator.of([crd(props({}), { served: false })])).validate(widget({}));
    assert.deepEqual(verdict?.errors, ['example.com/v1 is not served by the CustomResourceDefinition widgets.example.com']);
  });

  it('compiles each CRD version once', async () => {
    const validator = await CrdSchemaValidator.of([crd(props({ n: { type: 'integer' } }))]);
    for (let i = 0; i < 3; i += 1) assert.deepEqual(validator.validate(widget({ n: i }))?.errors, []);
    assert.equal(validator.compiledCount, 1);
  });

  it('answers nothing for a kind no CRD of the change defines', async () => {
    assert.equal((await CrdSchemaValidator.of([crd(props({}))])).validate({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }), undefined);
  });
});
