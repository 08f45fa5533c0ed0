import type { ProjectRecord } from '../../store/project.store.js';
import { invalidField } from '../errors.js';
import { type SigningAlgorithm, signingAlgorithms } from '../keys/signing-keys.js';
import { boundedWholeNumber, readSettingsObject } from '../projects/settings-object.js';

/** A project's session policy (docs/sessions.md). */
export interface SessionSettings {
  /** Algorithm of the session key: RS256 (Corbado's, the default), ES256 or EdDSA. */
  algorithm: SigningAlgorithm;
  /** Lifetime of a session token (the JWT). */
  tokenLifetimeSeconds: number;
  /** A long session ends when it is not refreshed for this long. */
  idleLifetimeSeconds: number;
  /** A long session ends this long after the login, however often it is refreshed. */
  absoluteLifetimeSeconds: number;
  /** Domain attribute of the session cookies; null for a host-only cookie. */
  cookieDomain: string | null;
  cookieSameSite: 'lax' | 'strict' | 'none';
  /**
   * `dev` hands the refresh token to browsers in the body (`longSession`) too, as Corbado's
   * development projects do; `prod` keeps it in the httpOnly cookie only.
   */
  environment: 'prod' | 'dev';
}

const minute = 60;
const day = 24 * 60 * minute;

/** Corbado's defaults: 5-minute session tokens; long sessions of 7 idle and 30 total days. */
export const defaultSessionSettings: SessionSettings = {
  algorithm: 'RS256',
  tokenLifetimeSeconds: 5 * minute,
  idleLifetimeSeconds: 7 * day,
  absoluteLifetimeSeconds: 30 * day,
  cookieDomain: null,
  cookieSameSite: 'lax',
  environment: 'prod',
};

/** Bounds of each lifetime, in seconds. */
export const sessionLifetimeBounds = {
  tokenLifetimeSeconds: { min: 30, max: day },
  idleLifetimeSeconds: { min: 5 * minute, max: 366 * day },
  absoluteLifetimeSeconds: { min: 5 * minute, max: 366 * day },
} as const;

const settingNames = Object.keys(defaultSessionSettings) as (keyof SessionSettings)[];

const cookieDomainShape =
  /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

function oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value))
    return value as T;
  throw invalidField(field, `must be one of ${allowed.join(', ')}`);
}

/**
 * Validates session settings given in part (members present are checked, absent ones left
 * out). The idle lifetime may not exceed the absolute one; that is checked on the merged
 * settings by `mergeSessionSettings`.
 * @throws VALIDATION_FAILED naming the first bad field (`session.<name>`).
 */
export function validateSessionSettings(
  input: unknown,
  prefix = 'session',
): Partial<SessionSettings> {
  const name = (key: string) => `${prefix}.${key}`;
  const values = readSettingsObject(input, prefix, settingNames);
  const settings: Partial<SessionSettings> = {};
  if (values.algorithm !== undefined) {
    settings.algorithm = oneOf(name('algorithm'), values.algorithm, signingAlgorithms);
  }
  for (const key of Object.keys(sessionLifetimeBounds) as (keyof typeof sessionLifetimeBounds)[]) {
    const value = values[key];
    if (value === undefined) continue;
    settings[key] = boundedWholeNumber(name(key), value, sessionLifetimeBounds[key], 'seconds');
  }
  if (values.cookieDomain !== undefined) {
    const domain = values.cookieDomain;
    if (domain !== null && (typeof domain !== 'string' || !cookieDomainShape.test(domain))) {
      throw invalidField(name('cookieDomain'), 'must be a domain name like example.com, or null');
    }
    settings.cookieDomain = domain;
  }
  if (values.cookieSameSite !== undefined) {
    settings.cookieSameSite = oneOf(name('cookieSameSite'), values.cookieSameSite, [
      'lax',
      'strict',
      'none',
    ] as const);
  }
  if (values.environment !== undefined) {
    settings.environment = oneOf(name('environment'), values.environment, ['prod', 'dev'] as const);
  }
  return settings;
}

/** A project's session settings: what it stores, defaults for the rest. */
export function sessionSettingsOf(project: Pick<ProjectRecord, 'session'>): SessionSettings {
  return { ...defaultSessionSettings, ...(project.session as Partial<SessionSettings>) };
}

/**
 * Stored settings plus validated changes, as they will be stored.
 * @throws VALIDATION_FAILED when the idle lifetime would exceed the absolute one.
 */
export function mergeSessionSettings(
  stored: Record<string, unknown>,
  changes: Partial<SessionSettings>,
  prefix = 'session',
): Record<string, unknown> {
  const merged = { ...stored, ...changes };
  const effective = sessionSettingsOf({ session: merged });
  if (effective.idleLifetimeSeconds > effective.absoluteLifetimeSeconds) {
    throw invalidField(
      `${prefix}.idleLifetimeSeconds`,
      `must not exceed absoluteLifetimeSeconds (${effective.absoluteLifetimeSeconds})`,
    );
  }
  return merged;
}
