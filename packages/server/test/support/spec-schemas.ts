import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';

/**
 * Validates response bodies against the schemas of Corbado's specifications: the Backend API
 * (test/fixtures/corbado/backend: backend_api.yml and the common.yml it refers to) and the
 * Frontend API (test/fixtures/corbado/frontend: spec_v2.yaml and its common.yml).
 *
 * The documents of each API are added to one Ajv instance under URIs that mirror their file names, so
 * `#/components/schemas/x` and `common.yml#/components/schemas/x` resolve exactly as in the
 * spec. OpenAPI 3.0 schemas are close enough to JSON Schema for Ajv in non-strict mode:
 * `example` and `discriminator` are ignored, `nullable` is understood, and the OpenAPI number
 * formats (int32, int64, float, double) are checked here.
 *
 * By default the schemas are closed: every object schema with `properties` also gets
 * `additionalProperties: false`, so a response that carries a field the spec does not name
 * (a leaked column, a misspelt `createdMs`) fails. Schemas combined with allOf/oneOf/anyOf
 * (errorRsp) stay open, because closing their members would reject valid bodies.
 */

const fixtures = fileURLToPath(new URL('../fixtures/corbado/', import.meta.url));
/** One spec document: the API it belongs to (its folder) and its file name. */
const specFiles = [
  'backend/backend_api.yml',
  'backend/common.yml',
  'frontend/spec_v2.yaml',
  'frontend/common.yml',
] as const;
type SpecFile = (typeof specFiles)[number];
export type SpecApi = 'backend' | 'frontend';

type JsonObject = { [key: string]: unknown };

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function loadComponents(file: SpecFile): JsonObject {
  const document: unknown = parse(readFileSync(`${fixtures}${file}`, 'utf8'));
  if (!isObject(document) || !isObject(document.components)) {
    throw new Error(`${file} has no components`);
  }
  return document.components;
}

/**
 * A deep copy of one file's components in which object schemas reject properties they do not
 * declare. Inside allOf/oneOf/anyOf nothing is closed, and `$ref`s there point to the open
 * copy, because a closed member would reject the properties its siblings add.
 */
function closeSchemas(file: SpecFile, value: unknown, insideCombinator = false): unknown {
  if (Array.isArray(value)) return value.map((item) => closeSchemas(file, item, insideCombinator));
  if (!isObject(value)) return value;
  const copy: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    const combinator = key === 'allOf' || key === 'oneOf' || key === 'anyOf';
    copy[key] =
      key === '$ref' && insideCombinator && typeof child === 'string'
        ? new URL(child, `${baseUri.open}${file}`).href
        : closeSchemas(file, child, insideCombinator || combinator);
  }
  if (
    !insideCombinator &&
    isObject(copy.properties) &&
    copy.additionalProperties === undefined &&
    copy.allOf === undefined &&
    copy.oneOf === undefined &&
    copy.anyOf === undefined
  ) {
    copy.additionalProperties = false;
    // A name the schema requires but forgot to declare (detectionInsights.isCDACandidate in
    // backend_api.yml) is declared by its requirement: allow it with any type.
    if (Array.isArray(copy.required)) {
      const properties = copy.properties as JsonObject;
      for (const name of copy.required) {
        if (typeof name === 'string' && !(name in properties)) properties[name] = {};
      }
    }
  }
  return copy;
}

const baseUri = {
  open: 'https://latchkey.test/spec/open/',
  closed: 'https://latchkey.test/spec/closed/',
} as const;

const components = Object.fromEntries(
  specFiles.map((file) => [file, loadComponents(file)]),
) as Record<SpecFile, JsonObject>;

const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
ajv.addFormat('int32', {
  type: 'number',
  validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31,
});
ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isSafeInteger(n) });
ajv.addFormat('float', { type: 'number', validate: (n: number) => Number.isFinite(n) });
ajv.addFormat('double', { type: 'number', validate: (n: number) => Number.isFinite(n) });

for (const file of specFiles) {
  ajv.addSchema({ $id: `${baseUri.open}${file}`, components: components[file] });
  ajv.addSchema({
    $id: `${baseUri.closed}${file}`,
    components: closeSchemas(file, components[file]),
  });
}

/** Names of the schemas in `components.schemas` of one API's files (its main file first). */
export function specSchemaNames(api: SpecApi = 'backend'): string[] {
  return specFiles
    .filter((file) => file.startsWith(`${api}/`))
    .flatMap((file) => Object.keys(components[file].schemas as JsonObject));
}

function fileDefining(schemaName: string, api: SpecApi): SpecFile {
  for (const file of specFiles) {
    if (!file.startsWith(`${api}/`)) continue;
    if (Object.hasOwn(components[file].schemas as JsonObject, schemaName)) return file;
  }
  throw new Error(`the ${api} API spec has no schema named ${schemaName}`);
}

const validators = new Map<string, ValidateFunction>();

function validatorFor(
  schemaName: string,
  mode: keyof typeof baseUri,
  api: SpecApi,
): ValidateFunction {
  const key = `${api}:${mode}:${schemaName}`;
  let validate = validators.get(key);
  if (!validate) {
    const uri = `${baseUri[mode]}${fileDefining(schemaName, api)}#/components/schemas/${schemaName}`;
    validate = ajv.getSchema(uri);
    if (!validate) throw new Error(`cannot compile ${uri}`);
    validators.set(key, validate);
  }
  return validate;
}

export interface SpecMatchOptions {
  /** Accept properties the spec does not declare (default: reject them). */
  allowAdditionalProperties?: boolean;
  /** Which API's spec (default: the Backend API). */
  api?: SpecApi;
}

/** The spec's complaints about `body` as schema `schemaName`; empty when it matches. */
export function specProblems(
  schemaName: string,
  body: unknown,
  options: SpecMatchOptions = {},
): string[] {
  const validate = validatorFor(
    schemaName,
    options.allowAdditionalProperties ? 'open' : 'closed',
    options.api ?? 'backend',
  );
  if (validate(body)) return [];
  return (validate.errors ?? []).map((error) => {
    const where = error.instancePath || '(root)';
    const extra =
      error.keyword === 'additionalProperties'
        ? ` (${(error.params as { additionalProperty: string }).additionalProperty})`
        : '';
    return `${where} ${error.message ?? error.keyword}${extra}`;
  });
}

/** Fails unless `body` matches the spec's schema `schemaName` (e.g. `user`; Backend API by default). */
export function assertMatchesSpec(
  schemaName: string,
  body: unknown,
  options: SpecMatchOptions = {},
): void {
  const problems = specProblems(schemaName, body, options);
  assert.deepEqual(
    problems,
    [],
    `response does not match the spec's ${schemaName}:\n  ${problems.join('\n  ')}\nbody: ${JSON.stringify(body)}`,
  );
}
