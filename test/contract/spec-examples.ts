import Ajv2020Module from 'ajv/dist/2020.js';

const Ajv2020 = Ajv2020Module.default;

/** One example found in a spec, with the JSON pointer of the schema it must satisfy. */
export interface SpecExample {
  /** JSON pointer of the example itself, e.g. `/paths/~1api~1info/get/responses/200/content/application~1json/example`. */
  at: string;
  /** JSON pointer of the schema it is checked against. */
  schema: string;
  value: unknown;
}

type Node = Record<string, unknown>;

const SCHEMA_KEYWORDS = ['type', 'properties', 'items', 'enum', 'const', '$ref', 'allOf', 'anyOf', 'oneOf', 'required', 'additionalProperties', 'prefixItems', 'pattern'];

const isObject = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);
const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** The value at a local JSON pointer (`#/a/b`), or undefined. */
export function resolvePointer(doc: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  return ref
    .slice(1)
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (isObject(node) || Array.isArray(node) ? (node as Node)[key] : undefined), doc);
}

/** An Example Object's value, following a local `$ref` to `components/examples`. */
function exampleValue(doc: unknown, example: unknown): { value: unknown } | undefined {
  const target = isObject(example) && typeof example.$ref === 'string' ? resolvePointer(doc, example.$ref) : example;
  return isObject(target) && 'value' in target ? { value: target.value } : undefined;
}

/**
 * Every example in a spec document and the schema it belongs to, found by shape so it works for
 * OpenAPI and for any other document that uses the same conventions (specs/rocketchat.ddp.yaml):
 * - an object with `schema` and `example`, or `examples` as a map of Example Objects (media
 *   types, parameters, headers): each example against that `schema`;
 * - a schema (an object with a JSON Schema keyword) with `example`, or `examples` as an array:
 *   each against the schema itself.
 */
export function collectExamples(doc: unknown): SpecExample[] {
  const found: SpecExample[] = [];
  const walk = (node: unknown, at: string): void => {
    if (Array.isArray(node)) return node.forEach((item, i) => walk(item, `${at}/${i}`));
    if (!isObject(node)) return;
    const hasSchema = isObject(node.schema);
    const schemaAt = hasSchema ? `${at}/schema` : SCHEMA_KEYWORDS.some((k) => k in node) ? at : undefined;
    if (schemaAt !== undefined) {
      if ('example' in node) found.push({ at: `${at}/example`, schema: schemaAt, value: node.example });
      if (Array.isArray(node.examples)) node.examples.forEach((value, i) => found.push({ at: `${at}/examples/${i}`, schema: schemaAt, value }));
      else if (hasSchema && isObject(node.examples)) {
        for (const [name, example] of Object.entries(node.examples)) {
          const resolved = exampleValue(doc, example);
          if (resolved) found.push({ at: `${at}/examples/${escape(name)}`, schema: schemaAt, value: resolved.value });
        }
      }
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === 'example' || (key === 'examples' && schemaAt !== undefined)) continue;
      walk(value, `${at}/${escape(key)}`);
    }
  };
  walk(doc, '');
  return found;
}

/**
 * `where: message` for every example of `doc` its schema refuses (ajv 2020, as lenient as
 * OpenAPI 3.1 needs: unknown keywords such as `example` or `x-…` allowed, formats not checked).
 */
export function exampleFailures(doc: unknown): { checked: number; failures: string[] } {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false, allowUnionTypes: true });
  ajv.addSchema(doc as object, 'spec');
  const examples = collectExamples(doc);
  const failures = examples.flatMap(({ at, schema, value }) => {
    const validate = ajv.getSchema(`spec#${schema}`) ?? ajv.compile({ $ref: `spec#${schema}` });
    return validate(value) ? [] : [`${at}: ${ajv.errorsText(validate.errors)}`];
  });
  return { checked: examples.length, failures };
}
