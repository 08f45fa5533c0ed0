import fc from 'fast-check';
import {
  hostileKey,
  hostileValue,
  setOwn,
  trickyEmails,
  trickyHosts,
  trickyPhones,
  trickyUrls,
} from './hostile-values.js';
import type { JsonSchema } from './openapi-routes.js';

function typeOf(schema: JsonSchema): string | undefined {
  if (Array.isArray(schema.type)) return schema.type.find((type) => type !== 'null');
  if (schema.type) return schema.type;
  if (schema.properties) return 'object';
  if (schema.items) return 'array';
  return undefined;
}

function fit(text: string, schema: JsonSchema): string {
  let value = text;
  const min = schema.minLength ?? 0;
  if (value.length < min) value = value.padEnd(min, 'a');
  if (schema.maxLength !== undefined && value.length > schema.maxLength) {
    value = value.slice(0, schema.maxLength);
  }
  return value;
}

const letters = 'abcdefghijklmnopqrstuvwxyz';
const word = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...letters), minLength: min, maxLength: max });

const email = fc
  .tuple(word(1, 10), fc.constantFrom('example.com', 'example.org', 'mail.example.net'))
  .map(([local, domain]) => `${local}@${domain}`);
const phone = fc
  .tuple(fc.constantFrom('+49151', '+1202', '+44791'), fc.stringMatching(/^[0-9]{7}$/))
  .map(([prefix, digits]) => `${prefix}${digits}`);
const username = fc
  .tuple(word(1, 1), fc.stringMatching(/^[a-z0-9_]{2,15}$/))
  .map(([first, rest]) => `${first}${rest}`);
const hostname = fc
  .tuple(word(1, 12), fc.constantFrom('example.com', 'example.org', 'test.example'))
  .map(([label, domain]) => `${label}.${domain}`);
const httpsUrl = fc.tuple(hostname, word(0, 10)).map(([host, path]) => `https://${host}/${path}`);

/**
 * A string that the domain validation of a field with this name will likely accept, so the
 * fuzzer gets past validation and reaches the code behind it.
 */
function plausibleString(name: string, schema: JsonSchema): fc.Arbitrary<string> {
  const key = name.toLowerCase();
  let arbitrary: fc.Arbitrary<string>;
  // Mostly values the parsers accept, sometimes ones made to trip them up.
  const tricky = (good: fc.Arbitrary<string>, ...bad: string[][]) =>
    fc.oneof({ arbitrary: good, weight: 4 }, fc.constantFrom(...bad.flat()));
  if (key.includes('email')) arbitrary = tricky(email, trickyEmails);
  else if (key === 'identifiervalue' || key === 'identifier' || key === 'username') {
    arbitrary = tricky(fc.oneof(email, phone, username), trickyEmails, trickyPhones);
  } else if (key.includes('phone')) arbitrary = tricky(phone, trickyPhones);
  else if (key.includes('url')) arbitrary = tricky(fc.oneof(httpsUrl, fc.constant('')), trickyUrls);
  else if (key === 'cname') {
    arbitrary = tricky(
      fc.oneof(
        hostname,
        hostname.map((h) => `https://${h}`),
      ),
      trickyHosts,
      trickyUrls,
    );
  } else if (key.includes('address')) arbitrary = fc.ipV4();
  else if (key.includes('name')) arbitrary = fc.string({ unit: 'grapheme', maxLength: 24 });
  else if (key === 'value' || key.includes('code')) arbitrary = fc.stringMatching(/^[0-9]{6}$/);
  else arbitrary = fc.string({ unit: 'grapheme-ascii', maxLength: 24 });
  return arbitrary.map((text) => fit(text, schema));
}

/** A value shaped like the schema (the kind of value a well-behaved client sends). */
export function schemaValue(schema: JsonSchema, name = '', depth = 0): fc.Arbitrary<unknown> {
  if (schema.enum && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  const members = schema.anyOf ?? schema.oneOf;
  if (members && members.length > 0) {
    return fc.oneof(...members.map((member) => schemaValue(member, name, depth + 1)));
  }
  if (schema.allOf && schema.allOf.length > 0) {
    const merged: JsonSchema = { type: 'object', properties: {}, required: [] };
    for (const member of schema.allOf) {
      Object.assign(merged.properties ?? {}, member.properties);
      merged.required?.push(...(member.required ?? []));
    }
    return schemaValue(merged, name, depth + 1);
  }
  switch (typeOf(schema)) {
    case 'string':
      return plausibleString(name, schema);
    case 'integer':
      return fc.integer({
        min: schema.minimum ?? (name.toLowerCase().includes('expires') ? 1_700_000_000 : 0),
        max: schema.maximum ?? (name.toLowerCase().includes('expires') ? 1_900_000_000 : 4000),
      });
    case 'number':
      return fc.double({ min: schema.minimum ?? 0, max: schema.maximum ?? 1000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const items = schema.items ?? {};
      const constraints = {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 4, 4),
      };
      const item = schemaValue(items, name, depth + 1);
      return schema.uniqueItems
        ? fc.uniqueArray(item, { ...constraints, selector: (value) => JSON.stringify(value) })
        : fc.array(item, constraints);
    }
    case 'object': {
      if (depth > 5) return fc.constant({});
      const properties = schema.properties ?? {};
      const shape: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, child] of Object.entries(properties)) {
        shape[key] = schemaValue(child, key, depth + 1);
      }
      const record = fc.record(shape, {
        requiredKeys: (schema.required ?? []).filter((key) => key in properties),
      });
      const extra = schema.additionalProperties;
      if (typeof extra === 'object' && Object.keys(properties).length === 0) {
        const headerName = fc
          .tuple(fc.constantFrom('X-', 'x-'), fc.stringMatching(/^[A-Za-z0-9-]{1,16}$/))
          .map(([prefix, rest]) => `${prefix}${rest}`);
        return fc.dictionary(headerName, schemaValue(extra, 'header', depth + 1), {
          maxKeys: Math.min(schema.maxProperties ?? 3, 3),
        });
      }
      return record;
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** One change that turns a well-shaped body into a hostile one. */
export type Mutation =
  | { op: 'delete'; at: number }
  | { op: 'replace'; at: number; value: unknown }
  | { op: 'addKey'; at: number; key: string; value: unknown }
  | { op: 'wrapInArray'; at: number }
  | { op: 'toString'; at: number }
  | { op: 'oversize'; at: number; extra: number };

export function mutation(fields: string[]): fc.Arbitrary<Mutation> {
  const at = fc.nat();
  return fc.oneof(
    { arbitrary: fc.record({ op: fc.constant('delete' as const), at }), weight: 2 },
    {
      arbitrary: fc.record({ op: fc.constant('replace' as const), at, value: hostileValue() }),
      weight: 5,
    },
    {
      arbitrary: fc.record({
        op: fc.constant('addKey' as const),
        at,
        key: hostileKey(fields),
        value: hostileValue(),
      }),
      weight: 2,
    },
    { arbitrary: fc.record({ op: fc.constant('wrapInArray' as const), at }), weight: 1 },
    { arbitrary: fc.record({ op: fc.constant('toString' as const), at }), weight: 1 },
    {
      arbitrary: fc.record({
        op: fc.constant('oversize' as const),
        at,
        extra: fc.integer({ min: 1, max: 3000 }),
      }),
      weight: 1,
    },
  );
}

type Container = Record<string, unknown> | unknown[];
interface Slot {
  parent: Container | undefined;
  key: string | number;
  value: unknown;
}

function slots(root: unknown): Slot[] {
  const found: Slot[] = [{ parent: undefined, key: '', value: root }];
  const walk = (value: unknown, depth: number) => {
    if (depth > 8 || value === null || typeof value !== 'object') return;
    const entries: [string | number, unknown][] = Array.isArray(value)
      ? value.map((item, index) => [index, item])
      : Object.entries(value);
    for (const [key, child] of entries) {
      found.push({ parent: value as Container, key, value: child });
      walk(child, depth + 1);
    }
  };
  walk(root, 0);
  return found;
}

function deepCopy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(deepCopy);
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) setOwn(copy, key, deepCopy(child));
  return copy;
}

/** Applies mutations in order to a copy of `value` and returns the result. */
export function applyMutations(value: unknown, mutations: Mutation[]): unknown {
  let root = deepCopy(value);
  for (const change of mutations) {
    const all = slots(root);
    const slot = all[change.at % all.length] as Slot;
    let next: unknown = slot.value;
    let remove = false;
    switch (change.op) {
      case 'delete':
        remove = true;
        break;
      case 'replace':
        next = deepCopy(change.value);
        break;
      case 'addKey':
        if (slot.value !== null && typeof slot.value === 'object' && !Array.isArray(slot.value)) {
          setOwn(slot.value as Record<string, unknown>, change.key, deepCopy(change.value));
        } else {
          const holder: Record<string, unknown> = {};
          setOwn(holder, change.key, deepCopy(change.value));
          next = holder;
        }
        break;
      case 'wrapInArray':
        next = [slot.value];
        break;
      case 'toString':
        next = typeof slot.value === 'string' ? slot.value : JSON.stringify(slot.value);
        break;
      case 'oversize':
        next = `${typeof slot.value === 'string' ? slot.value : 'x'}${'y'.repeat(change.extra)}`;
        break;
    }
    if (slot.parent === undefined) {
      root = remove ? undefined : next;
    } else if (Array.isArray(slot.parent)) {
      if (remove) slot.parent.splice(slot.key as number, 1);
      else slot.parent[slot.key as number] = next;
    } else if (remove) {
      delete slot.parent[slot.key as string];
    } else {
      setOwn(slot.parent, slot.key as string, next);
    }
  }
  return root;
}

/** Replace a string property's value with a value that exists in the database. */
export interface Borrow {
  at: number;
  pick: number;
}

/**
 * Sets properties to values of existing rows (`identifierValue` to an identifier's value of
 * the user in the path, say), so requests that need a matching value get past the lookup.
 * `candidates(name)` lists the values a property of that name may borrow.
 */
export function applyBorrows(
  value: unknown,
  borrows: Borrow[],
  candidates: (name: string) => string[],
): unknown {
  const root = deepCopy(value);
  for (const borrow of borrows) {
    const named = slots(root).filter(
      (slot) =>
        slot.parent !== undefined &&
        !Array.isArray(slot.parent) &&
        typeof slot.value === 'string' &&
        candidates(String(slot.key)).length > 0,
    );
    const slot = named[borrow.at % Math.max(named.length, 1)];
    if (!slot) break;
    const values = candidates(String(slot.key));
    const chosen = values[borrow.pick % values.length] as string;
    setOwn(slot.parent as Record<string, unknown>, String(slot.key), chosen);
  }
  return root;
}

/** Every property name a schema mentions (for mutations that misspell real fields). */
export function schemaFields(schema: JsonSchema | undefined, into = new Set<string>()): string[] {
  if (!schema) return [...into];
  for (const [name, child] of Object.entries(schema.properties ?? {})) {
    into.add(name);
    schemaFields(child, into);
  }
  if (schema.items) schemaFields(schema.items, into);
  return [...into];
}
