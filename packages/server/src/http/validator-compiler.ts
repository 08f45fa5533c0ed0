import { Ajv, type Options } from 'ajv';
import type { FastifySchemaCompiler } from 'fastify';

const shared: Options = {
  // Unknown body properties are ignored: handlers read only the fields their schema names,
  // and ajv drops extras wherever a schema says additionalProperties: false.
  removeAdditional: true,
  useDefaults: true,
  allErrors: false,
  strict: false,
};

/**
 * Request validation with two ajv instances. Query strings may carry one or many values for
 * an array parameter (`filter[]=a` or `filter[]=a&filter[]=b`), so there a single value
 * becomes a one-element array. Bodies only get scalar coercion (form bodies are all
 * strings): a JSON array where a string belongs is a 400, never silently unwrapped.
 */
export function createValidatorCompiler(): FastifySchemaCompiler<unknown> {
  const bodyAjv = new Ajv({ ...shared, coerceTypes: true });
  const queryAjv = new Ajv({ ...shared, coerceTypes: 'array' });
  return ({ schema, httpPart }) =>
    (httpPart === 'querystring' ? queryAjv : bodyAjv).compile(schema as object);
}
