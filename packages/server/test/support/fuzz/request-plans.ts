import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { idPrefixes } from '../../../src/core/ids.js';
import type { PoolEntry } from './db-snapshot.js';
import { hostileKey, hostileString } from './hostile-values.js';
import type { FuzzRoute, JsonSchema, QueryParameter } from './openapi-routes.js';
import {
  applyBorrows,
  applyMutations,
  type Borrow,
  type Mutation,
  mutation,
  schemaFields,
  schemaValue,
} from './schema-values.js';

/**
 * A request is generated as a plan and resolved against the database only when it is sent:
 * which IDs exist changes as the fuzzer creates and deletes things, so "an ID of this
 * project" is a pick among what exists at that moment.
 */

/** How to fill a path parameter (or an ID inside a filter). */
export type IdPlan =
  /** An existing object of the right kind in the caller's project; `related` prefers one
   * belonging to IDs already chosen for this request (a user's identifier, say). */
  | { t: 'own'; pick: number; related: boolean }
  /** The same, as the bare number without its prefix. */
  | { t: 'ownBare'; pick: number }
  /** An existing object of the right kind in ANOTHER project. */
  | { t: 'otherProject'; pick: number }
  /** An existing object of a different kind (a user ID where an identifier ID belongs). */
  | { t: 'otherKind'; pick: number }
  /** Well-formed, but no such object. */
  | { t: 'unknown'; digits: string }
  /** Anything at all; `raw` puts it into the URL without percent-encoding. */
  | { t: 'raw'; value: string; raw: boolean };

/** Text made of literal parts, IDs and existing values (by field name) resolved at send time. */
type Part = string | { id: IdPlan; prefix: string | undefined } | { borrow: string; pick: number };

export interface QueryPair {
  name: string;
  value: Part[];
}

export type BodyPlan =
  | { t: 'none'; contentType: string | undefined }
  | {
      t: 'shaped';
      value: unknown;
      /** Properties set to values that exist in the database, before the mutations. */
      borrows: Borrow[];
      mutations: Mutation[];
      encoding: 'json' | 'form';
    }
  | { t: 'raw'; text: RawText; contentType: string | undefined };

/** Raw body text; long repetitions stay short in failure reports until they are sent. */
export type RawText = string | { unit: string; count: number };

export type AuthPlan =
  | { t: 'own' }
  | { t: 'otherProject' }
  | { t: 'none'; address: number }
  | { t: 'wrongSecret'; address: number }
  | { t: 'header'; value: string; address: number }
  | { t: 'basic'; user: string; password: string; address: number };

export interface RequestPlan {
  route: number;
  /** Another method than the route's, to reach the 405 handler. */
  method: string | undefined;
  params: IdPlan[];
  query: QueryPair[];
  rawQuery: boolean;
  trailingSlash: boolean;
  body: BodyPlan;
  auth: AuthPlan;
  requestId: string | undefined;
}

/** What the resolver needs to know about the world at send time. */
export interface ResolveContext {
  pool: PoolEntry[];
  projectId: string;
  otherProjectId: string;
  authorization: string;
  otherAuthorization: string;
  apiSecret: string;
}

export interface ResolvedRequest {
  options: InjectOptions;
  /** A reproduction: method, URL, headers and body as sent. */
  description: string;
}

// ---------------------------------------------------------------------------------------
// Arbitraries

const idPlan: fc.Arbitrary<IdPlan> = fc.oneof(
  {
    arbitrary: fc.record({
      t: fc.constant('own' as const),
      pick: fc.nat(),
      related: fc.boolean(),
    }),
    weight: 55,
  },
  { arbitrary: fc.record({ t: fc.constant('ownBare' as const), pick: fc.nat() }), weight: 8 },
  {
    arbitrary: fc.record({ t: fc.constant('otherProject' as const), pick: fc.nat() }),
    weight: 10,
  },
  { arbitrary: fc.record({ t: fc.constant('otherKind' as const), pick: fc.nat() }), weight: 5 },
  {
    arbitrary: fc.record({
      t: fc.constant('unknown' as const),
      digits: fc.stringMatching(/^[0-8][0-9]{18}$/),
    }),
    weight: 5,
  },
  {
    arbitrary: fc.record({
      t: fc.constant('raw' as const),
      value: fc.oneof(
        hostileString(),
        fc.integer().map(String),
        fc.stringMatching(/^[0-9]{1,25}$/),
      ),
      raw: fc.boolean(),
    }),
    weight: 17,
  },
);

const intish = fc.oneof(
  fc.integer({ min: -3, max: 150 }).map(String),
  fc.constantFrom(
    '',
    '0',
    '-0',
    '1.0',
    '1.5',
    '1e2',
    '0x10',
    '+5',
    ' 2',
    'abc',
    'NaN',
    'Infinity',
    '100000',
    '100001',
    '2147483648',
    '9223372036854775808',
    '99999999999999999999999',
  ),
);

const commonFields = [
  'id',
  'userID',
  'name',
  'fullName',
  'created',
  'updated',
  'status',
  'searchValue',
  'identifierType',
  'identifierValue',
  'type',
  'providerType',
  'eventType',
  'unknownField',
  '',
  '__proto__',
  'constructor',
];

function fieldsOf(route: FuzzRoute): string[] {
  return [...new Set([...route.responseFields, ...commonFields])];
}

function prefixForField(field: string): string | undefined {
  const kind = field.replace(/ID$/, '');
  return (idPrefixes as Record<string, string>)[kind];
}

const likelyFields = ['id', 'created', 'updated', 'fullName', 'name', 'status', 'userID'];

function sortValue(route: FuzzRoute): fc.Arbitrary<Part[]> {
  return fc.oneof(
    {
      arbitrary: fc
        .tuple(
          fc.constantFrom(...likelyFields),
          fc.constantFrom(':asc', ':desc', '', ':asc', ':desc'),
        )
        .map(([field, direction]) => [`${field}${direction}`]),
      weight: 4,
    },
    {
      arbitrary: fc
        .tuple(
          fc.constantFrom(...fieldsOf(route)),
          fc.constantFrom(':asc', ':desc', '', ':ASC', ':up', '::', ':asc:desc', ':'),
        )
        .map(([field, direction]) => [`${field}${direction}`]),
      weight: 2,
    },
    { arbitrary: hostileString().map((text) => [text]), weight: 1 },
  );
}

function filterValue(route: FuzzRoute): fc.Arbitrary<Part[]> {
  const value: fc.Arbitrary<(field: string) => Part> = fc.oneof(
    idPlan.map((id) => (field: string) => ({ id, prefix: prefixForField(field) ?? 'usr' })),
    fc.nat().map((pick) => (field: string) => ({ borrow: field, pick })),
    fc.nat().map((pick) => (field: string) => ({ borrow: field, pick })),
    fc
      .constantFrom(
        '2021-07-20',
        '2026-01-01T00:00:00Z',
        '2026-01-01T00:00:00.123+02:00',
        '2026-02-30',
        '1700000000000',
        'active',
        'pending',
        'email',
        'a:b:c',
        'x'.repeat(300),
      )
      .map((text) => () => text),
    hostileString().map((text) => () => text),
  );
  return fc.oneof(
    {
      arbitrary: fc
        .tuple(
          fc.oneof(
            { arbitrary: fc.constantFrom(...likelyFields), weight: 2 },
            fc.constantFrom(...fieldsOf(route)),
          ),
          fc.oneof(
            { arbitrary: fc.constantFrom('eq', 'gt', 'lt'), weight: 4 },
            fc.constantFrom('ne', 'EQ', 'like', ''),
          ),
          value,
        )
        .map(([field, op, make]): Part[] => [`${field}:${op}:`, make(field)]),
      weight: 8,
    },
    {
      arbitrary: fc
        .constantFrom('status', 'status:eq', ':', '::', ':::', 'eq:status')
        .map((t) => [t]),
      weight: 1,
    },
    { arbitrary: hostileString().map((text): Part[] => [text]), weight: 1 },
  );
}

function queryPairs(parameter: QueryParameter, route: FuzzRoute): fc.Arbitrary<QueryPair[]> {
  const { name, schema } = parameter;
  const one = (value: fc.Arbitrary<Part[]>) =>
    value.map((parts): QueryPair[] => [{ name, value: parts }]);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'array' || name.startsWith('filter')) {
    return fc
      .oneof(
        { arbitrary: fc.array(filterValue(route), { maxLength: 3 }), weight: 9 },
        { arbitrary: fc.array(filterValue(route), { minLength: 21, maxLength: 25 }), weight: 1 },
      )
      .map((values) => values.map((value) => ({ name, value })));
  }
  if (type === 'integer' || type === 'number') {
    return one(
      fc
        .oneof({ arbitrary: fc.integer({ min: 1, max: 20 }).map(String), weight: 2 }, intish)
        .map((text) => [text]),
    );
  }
  if (name === 'sort') return one(sortValue(route));
  if (schema.enum && schema.enum.length > 0) {
    return one(
      fc.oneof(
        fc.constantFrom(...schema.enum.map(String)).map((text) => [text]),
        hostileString().map((text) => [text]),
      ),
    );
  }
  return one(hostileString().map((text) => [text]));
}

function queryPlan(route: FuzzRoute): fc.Arbitrary<QueryPair[]> {
  const known = route.query.map((parameter) =>
    fc.option(queryPairs(parameter, route), { freq: 2, nil: [] as QueryPair[] }),
  );
  const extra = fc.array(
    fc.oneof(
      fc.tuple(hostileKey(route.query.map((q) => q.name)), hostileString()),
      fc.tuple(fc.constantFrom('page', 'pageSize', 'sort', 'filter'), intish),
    ),
    { maxLength: 2 },
  );
  return fc
    .tuple(fc.tuple(...known), fc.oneof({ arbitrary: fc.constant([]), weight: 4 }, extra))
    .map(([pairs, extras]) => [
      ...pairs.flat(),
      ...extras.map(([name, value]) => ({ name, value: [value] })),
    ]);
}

const contentTypes = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16le',
  'APPLICATION/JSON',
  'application/x-www-form-urlencoded',
  'application/x-www-form-urlencoded; charset=latin1',
  'text/plain',
  'text/plain; charset=utf-8',
  'multipart/form-data; boundary=xyz',
  'application/xml',
  'application/octet-stream',
  'application/vnd.api+json',
  'application/json, text/plain',
  'garbage',
  ';',
  '',
  undefined,
];

const rawBodies = [
  '{',
  '}',
  '{"a":',
  '{"status":"active",}',
  "{'status':'active'}",
  'null',
  '[]',
  '[{}]',
  '"status"',
  '1',
  'true',
  '',
  ' ',
  '\u0000',
  '\ufeff{}',
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"status":"active","status":"disabled"}',
  '{"status":"active"}',
  'status=active',
  'status=%zz',
  'status=%E0%A4%A',
  '__proto__=x&constructor=y',
  'a=1&a=2&a=3',
  '%',
  '&&&==',
  '{"a":"\\ud800"}',
  '{"a":1e999}',
  '[1,2,3',
];

const rawBody: fc.Arbitrary<RawText> = fc.oneof(
  { arbitrary: fc.constantFrom(...rawBodies), weight: 8 },
  { arbitrary: fc.json({ maxDepth: 3 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 60 }), weight: 2 },
  {
    arbitrary: fc
      .tuple(fc.constantFrom('[', '{"a":', '[{"a":'), fc.integer({ min: 1000, max: 20000 }))
      .map(([unit, count]) => ({ unit, count })),
    weight: 1,
  },
  // Over the default 1 MiB body limit: 413.
  { arbitrary: fc.constant({ unit: 'x', count: 1_100_000 }), weight: 1 },
);

function bodyPlan(route: FuzzRoute): fc.Arbitrary<BodyPlan> {
  const none = fc.record({
    t: fc.constant('none' as const),
    contentType: fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 3 },
      fc.constantFrom(...contentTypes),
    ),
  });
  const raw = fc.record({
    t: fc.constant('raw' as const),
    text: rawBody,
    contentType: fc.constantFrom(...contentTypes),
  });
  const schema: JsonSchema = route.body ?? {};
  const fields = schemaFields(route.body);
  const shaped = fc.record({
    t: fc.constant('shaped' as const),
    value: schemaValue(schema),
    borrows: fc.oneof(
      { arbitrary: fc.constant([] as Borrow[]), weight: 1 },
      fc.array(fc.record({ at: fc.nat(), pick: fc.nat() }), { minLength: 1, maxLength: 2 }),
    ),
    mutations: fc.oneof(
      { arbitrary: fc.constant([] as Mutation[]), weight: 2 },
      { arbitrary: fc.array(mutation(fields), { minLength: 1, maxLength: 3 }), weight: 3 },
    ),
    encoding: fc.oneof(
      { arbitrary: fc.constant('json' as const), weight: 4 },
      { arbitrary: fc.constant('form' as const), weight: 1 },
    ),
  });
  if (route.body) {
    return fc.oneof(
      { arbitrary: shaped, weight: 15 },
      { arbitrary: raw, weight: 3 },
      { arbitrary: none, weight: 2 },
    );
  }
  return fc.oneof(
    { arbitrary: none, weight: 16 },
    { arbitrary: raw, weight: 2 },
    { arbitrary: shaped, weight: 2 },
  );
}

const latin1 = fc.string({
  unit: fc.integer({ min: 0x20, max: 0xff }).map((code) => String.fromCharCode(code)),
  maxLength: 40,
});
const address = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 0xffffff }));

const authPlan: fc.Arbitrary<AuthPlan> = fc.oneof(
  { arbitrary: fc.constant({ t: 'own' as const }), weight: 80 },
  { arbitrary: fc.constant({ t: 'otherProject' as const }), weight: 6 },
  { arbitrary: fc.record({ t: fc.constant('none' as const), address }), weight: 3 },
  { arbitrary: fc.record({ t: fc.constant('wrongSecret' as const), address }), weight: 3 },
  {
    arbitrary: fc.record({
      t: fc.constant('header' as const),
      value: fc.oneof(
        latin1,
        latin1.map((text) => `Basic ${text}`),
        fc.constantFrom('Basic', 'Basic ', 'Bearer abc', 'Basic Og==', `Basic ${'A'.repeat(2000)}`),
      ),
      address,
    }),
    weight: 4,
  },
  {
    arbitrary: fc.record({
      t: fc.constant('basic' as const),
      user: fc.oneof(hostileString(), fc.constantFrom('pro-1234567890123456789', '')),
      password: hostileString(),
      address,
    }),
    weight: 4,
  },
);

const requestId = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 8 },
  { arbitrary: fc.stringMatching(/^[A-Za-z0-9._:-]{1,64}$/), weight: 1 },
  {
    arbitrary: fc.oneof(latin1, fc.constant('a'.repeat(65)), fc.constant('has space')),
    weight: 1,
  },
);

/** Requests for one route: mostly its own method and authenticated, always hostile. */
export function requestPlan(routes: FuzzRoute[], index: number): fc.Arbitrary<RequestPlan> {
  const route = routes[index] as FuzzRoute;
  return fc.record({
    route: fc.constant(index),
    method: fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 24 },
      {
        arbitrary: fc.constantFrom(
          'GET',
          'HEAD',
          'POST',
          'PUT',
          'PATCH',
          'DELETE',
          'OPTIONS',
          'TRACE',
          'SEARCH',
        ),
        weight: 1,
      },
    ),
    params: fc.tuple(...route.pathParams.map(() => idPlan)),
    query: queryPlan(route),
    rawQuery: fc.oneof({ arbitrary: fc.constant(false), weight: 9 }, fc.constant(true)),
    trailingSlash: fc.oneof({ arbitrary: fc.constant(false), weight: 19 }, fc.constant(true)),
    body: bodyPlan(route),
    auth: authPlan,
    requestId,
  });
}

/**
 * Requests for every route; DELETEs half as often as the rest, so what the fuzzer creates
 * lives long enough for the routes below it (a user's identifiers) to find something.
 */
export function anyRequestPlan(routes: FuzzRoute[]): fc.Arbitrary<RequestPlan> {
  return fc.oneof(
    ...routes.map((route, index) => ({
      arbitrary: requestPlan(routes, index),
      weight: route.method === 'DELETE' ? 1 : 2,
    })),
  );
}

// ---------------------------------------------------------------------------------------
// Resolution

/** Percent-encodes everything but unreserved characters; never throws (unlike encodeURIComponent on lone surrogates). */
export function percentEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(char)
      ? char
      : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function pick<T>(items: T[], index: number): T | undefined {
  return items.length === 0 ? undefined : items[index % items.length];
}

function resolveId(
  plan: IdPlan,
  prefix: string | undefined,
  projectId: string,
  context: ResolveContext,
  chosen: string[],
  /** Prefixes of the path parameters still to come (`ide` after `usr`). */
  later: (string | undefined)[] = [],
): string {
  const ofKind = (entry: PoolEntry) => prefix === undefined || entry.id.startsWith(`${prefix}-`);
  const own = context.pool.filter((entry) => ofKind(entry) && entry.projectId === projectId);
  const fallback = `${prefix ?? 'usr'}-1234567890123456789`;
  switch (plan.t) {
    case 'own': {
      // Related: an object belonging to the IDs already chosen (a user's identifier) or, for
      // the first parameter, an object others belong to (a user that has identifiers, when
      // an identifier ID comes next in the path).
      const owner = (other: PoolEntry) =>
        later.length === 0 || later.some((next) => next && other.id.startsWith(`${next}-`));
      const related =
        chosen.length > 0
          ? own.filter((entry) => chosen.some((value) => entry.values.has(value)))
          : own.filter((entry) =>
              context.pool.some(
                (other) => other !== entry && owner(other) && other.values.has(entry.id),
              ),
            );
      const candidates = plan.related && related.length > 0 ? related : own;
      return pick(candidates, plan.pick)?.id ?? fallback;
    }
    case 'ownBare': {
      const id = pick(own, plan.pick)?.id ?? fallback;
      return id.slice(id.indexOf('-') + 1);
    }
    case 'otherProject': {
      const other = context.pool.filter((entry) => ofKind(entry) && entry.projectId !== projectId);
      return pick(other, plan.pick)?.id ?? fallback;
    }
    case 'otherKind': {
      const other = context.pool.filter((entry) => !ofKind(entry));
      return pick(other, plan.pick)?.id ?? fallback;
    }
    case 'unknown':
      return `${prefix ?? 'usr'}-${plan.digits}`;
    case 'raw':
      return plan.value;
  }
}

/** `identifierValue` → `identifier_value`, `userID` → `user_id`, `avatarURL` → `avatar_url`. */
function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z]+)/g, '$1_$2').toLowerCase();
}

/**
 * Values of existing rows that a field of this name could mean: the column of the same name,
 * or `<table in singular>_<column>` (`identifierValue` is `identifiers.value`). Rows related
 * to the IDs already in the request come first; only the caller's project is searched.
 */
function borrowable(
  name: string,
  projectId: string,
  context: ResolveContext,
  chosen: string[],
): string[] {
  const wanted = snakeCase(name.replace(/\[\]$/, ''));
  const collect = (entries: PoolEntry[]) => {
    const found = new Set<string>();
    for (const entry of entries) {
      const singular = entry.table.replace(/s$/, '');
      for (const [column, value] of Object.entries(entry.row)) {
        if (typeof value !== 'string') continue;
        if (column === wanted || `${singular}_${column}` === wanted) found.add(value);
      }
    }
    return [...found].sort();
  };
  const own = context.pool.filter((entry) => entry.projectId === projectId);
  const related = own.filter((entry) => chosen.some((value) => entry.values.has(value)));
  const fromRelated = collect(related);
  return fromRelated.length > 0 ? fromRelated : collect(own);
}

function encodeForm(value: unknown): string {
  const scalar = (item: unknown) =>
    item === null || item === undefined
      ? ''
      : typeof item === 'object'
        ? JSON.stringify(item)
        : String(item);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return `value=${percentEncode(scalar(value))}`;
  }
  const pairs: string[] = [];
  for (const [key, item] of Object.entries(value)) {
    const items = Array.isArray(item) ? item : [item];
    for (const one of items) pairs.push(`${percentEncode(key)}=${percentEncode(scalar(one))}`);
  }
  return pairs.join('&');
}

function clip(text: string, max = 600): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
}

/** Turns a plan into the request to inject, using the objects that exist right now. */
export function resolveRequest(
  routes: FuzzRoute[],
  plan: RequestPlan,
  context: ResolveContext,
): ResolvedRequest {
  const route = routes[plan.route] as FuzzRoute;
  const headers: Record<string, string> = {};
  let remoteAddress = '127.0.0.1';
  let authNote: string;
  let projectId = context.projectId;
  const auth = plan.auth;
  if (auth.t !== 'own' && auth.t !== 'otherProject') {
    // Failed logins count against the client address; spreading them keeps the limit from
    // locking out the whole run, while address 0 (10.0.0.0) does reach the 429 path.
    remoteAddress = `10.${(auth.address >> 16) & 255}.${(auth.address >> 8) & 255}.${auth.address & 255}`;
  }
  switch (auth.t) {
    case 'own':
      headers.authorization = context.authorization;
      authNote = 'Basic <this project>';
      break;
    case 'otherProject':
      headers.authorization = context.otherAuthorization;
      projectId = context.otherProjectId;
      authNote = 'Basic <the other project>';
      break;
    case 'none':
      authNote = '(none)';
      break;
    case 'wrongSecret': {
      const value = `${context.projectId}:${context.apiSecret}x`;
      headers.authorization = `Basic ${Buffer.from(value).toString('base64')}`;
      authNote = `Basic base64(${value})`;
      break;
    }
    case 'header':
      headers.authorization = auth.value;
      authNote = JSON.stringify(auth.value);
      break;
    case 'basic': {
      const value = `${auth.user}:${auth.password}`;
      headers.authorization = `Basic ${Buffer.from(value).toString('base64')}`;
      authNote = `Basic base64(${JSON.stringify(value)})`;
      break;
    }
  }

  const chosen: string[] = [];
  let path = route.path;
  route.pathParams.forEach((name, index) => {
    const idPlanFor = plan.params[index] as IdPlan;
    const prefix = prefixForField(name);
    const later = route.pathParams.slice(index + 1).map(prefixForField);
    const value = resolveId(idPlanFor, prefix, projectId, context, chosen, later);
    chosen.push(value);
    const raw = idPlanFor.t === 'raw' && idPlanFor.raw && !/[?#]/.test(value);
    path = path.replace(`{${name}}`, raw ? value : percentEncode(value));
  });
  if (plan.trailingSlash) path += '/';

  const pairs = plan.query.map(({ name, value }) => {
    const text = value
      .map((part) => {
        if (typeof part === 'string') return part;
        if ('borrow' in part) {
          const values = borrowable(part.borrow, projectId, context, chosen);
          return values[part.pick % Math.max(values.length, 1)] ?? 'none';
        }
        return resolveId(part.id, part.prefix, projectId, context, chosen);
      })
      .join('');
    return plan.rawQuery && !/[#\s]/.test(name + text)
      ? `${name}=${text}`
      : `${percentEncode(name)}=${percentEncode(text)}`;
  });
  const url = pairs.length > 0 ? `${path}?${pairs.join('&')}` : path;

  let payload: string | undefined;
  const body = plan.body;
  switch (body.t) {
    case 'none':
      if (body.contentType !== undefined) headers['content-type'] = body.contentType;
      break;
    case 'raw':
      payload = typeof body.text === 'string' ? body.text : body.text.unit.repeat(body.text.count);
      if (body.contentType !== undefined) headers['content-type'] = body.contentType;
      break;
    case 'shaped': {
      const value = applyMutations(
        applyBorrows(body.value, body.borrows, (name) =>
          borrowable(name, projectId, context, chosen),
        ),
        body.mutations,
      );
      if (body.encoding === 'form') {
        payload = encodeForm(value);
        headers['content-type'] = 'application/x-www-form-urlencoded';
      } else {
        payload = value === undefined ? '' : JSON.stringify(value);
        headers['content-type'] = 'application/json';
      }
      break;
    }
  }
  if (plan.requestId !== undefined) headers['x-request-id'] = plan.requestId;
  const method = (plan.method ?? route.method) as InjectOptions['method'];

  const shownHeaders = Object.entries({ ...headers, authorization: authNote })
    .map(([name, value]) => `  ${name}: ${clip(value, 200)}`)
    .join('\n');
  const description = [
    `${method} ${clip(url, 800)}   (route ${route.label}, from ${remoteAddress})`,
    shownHeaders,
    payload === undefined ? '  (no body)' : `  body: ${clip(payload)}`,
  ].join('\n');
  return {
    options: {
      method,
      url,
      headers,
      remoteAddress,
      ...(payload === undefined ? {} : { payload }),
    },
    description,
  };
}
