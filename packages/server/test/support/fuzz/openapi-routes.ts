import type { TypedApp } from '../../../src/http/route-context.js';

/** A JSON Schema as @fastify/swagger writes it into the OpenAPI document (refs resolved). */
export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  maxProperties?: number;
  uniqueItems?: boolean;
  minimum?: number;
  maximum?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  nullable?: boolean;
  $ref?: string;
}

export interface QueryParameter {
  name: string;
  schema: JsonSchema;
}

/** One operation of the app's OpenAPI document, ready to be fuzzed. */
export interface FuzzRoute {
  method: string;
  /** OpenAPI path template, e.g. `/v2/users/{userID}`. */
  path: string;
  /** Path parameter names in the order they appear in the path. */
  pathParams: string[];
  query: QueryParameter[];
  /** JSON body schema, when the operation takes a body. */
  body: JsonSchema | undefined;
  /** Property names of the 200 response (candidates for `sort` and `filter[]` fields). */
  responseFields: string[];
  /** `GET /v2/users` style label. */
  label: string;
}

/**
 * Paths that are not part of the Backend API: the service endpoints, and the Frontend API
 * (no Basic auth; its routes answer 404 without a project and would only slow this fuzz down).
 * The Frontend API's process routes have their own fuzz, with a project and a live process
 * (test/frontend/auth-fuzz.test.ts).
 */
const excludedPaths = [
  /^\/health$/,
  /^\/docs(\/|$)/,
  /^\/openapi\.json$/,
  /^\/\.well-known\//,
  /^\/v2\/(auth|me|connect)(\/|$)/,
  /^\/v2\/(session-config|user-details-config)$/,
];

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Replaces every local `$ref` (`#/components/...`) with a copy of its target. */
function resolveRefs(document: JsonObject, value: unknown, seen: string[] = []): unknown {
  if (Array.isArray(value)) return value.map((item) => resolveRefs(document, item, seen));
  if (!isObject(value)) return value;
  const ref = value.$ref;
  if (typeof ref === 'string' && ref.startsWith('#/')) {
    if (seen.includes(ref)) return {};
    let target: unknown = document;
    for (const part of ref.slice(2).split('/')) target = isObject(target) ? target[part] : {};
    return resolveRefs(document, target, [...seen, ref]);
  }
  const copy: JsonObject = {};
  for (const [key, child] of Object.entries(value)) copy[key] = resolveRefs(document, child, seen);
  return copy;
}

function collectFields(schema: unknown, into: Set<string>, depth = 0): void {
  if (!isObject(schema) || depth > 6) return;
  if (isObject(schema.properties)) {
    for (const [name, child] of Object.entries(schema.properties)) {
      into.add(name);
      collectFields(child, into, depth + 1);
    }
  }
  collectFields(schema.items, into, depth + 1);
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const members = schema[key];
    if (Array.isArray(members))
      for (const member of members) collectFields(member, into, depth + 1);
  }
}

const methods = ['get', 'post', 'put', 'patch', 'delete'] as const;

/**
 * Every Backend API operation of the app's own OpenAPI document (`GET /openapi.json`), so
 * Backend API routes added later are fuzzed without touching the test (see excludedPaths).
 */
export async function loadFuzzRoutes(app: TypedApp): Promise<FuzzRoute[]> {
  const response = await app.inject({ method: 'GET', url: '/openapi.json' });
  if (response.statusCode !== 200) {
    throw new Error(`GET /openapi.json answered ${response.statusCode}: ${response.body}`);
  }
  const document = JSON.parse(response.body) as JsonObject;
  const paths = isObject(document.paths) ? document.paths : {};
  const routes: FuzzRoute[] = [];
  for (const [path, item] of Object.entries(paths)) {
    if (excludedPaths.some((pattern) => pattern.test(path)) || !isObject(item)) continue;
    for (const method of methods) {
      const operation = resolveRefs(document, item[method]);
      if (!isObject(operation)) continue;
      const parameters = Array.isArray(operation.parameters)
        ? operation.parameters.filter(isObject)
        : [];
      const query = parameters
        .filter((parameter) => parameter.in === 'query' && typeof parameter.name === 'string')
        .map((parameter) => ({
          name: parameter.name as string,
          schema: (isObject(parameter.schema) ? parameter.schema : {}) as JsonSchema,
        }));
      const pathParams = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] as string);
      const requestBody = isObject(operation.requestBody) ? operation.requestBody : {};
      const content = isObject(requestBody.content) ? requestBody.content : {};
      const jsonContent = content['application/json'];
      const body =
        isObject(jsonContent) && isObject(jsonContent.schema)
          ? (jsonContent.schema as JsonSchema)
          : undefined;
      const fields = new Set<string>();
      const responses = isObject(operation.responses) ? operation.responses : {};
      const ok = responses['200'];
      if (isObject(ok) && isObject(ok.content)) {
        for (const media of Object.values(ok.content)) {
          if (isObject(media)) collectFields(media.schema, fields);
        }
      }
      routes.push({
        method: method.toUpperCase(),
        path,
        pathParams,
        query,
        body,
        responseFields: [...fields].sort(),
        label: `${method.toUpperCase()} ${path}`,
      });
    }
  }
  return routes;
}
