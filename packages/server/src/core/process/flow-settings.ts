import type { ProjectRecord } from '../../store/project.store.js';
import { invalidField } from '../errors.js';
import { boundedWholeNumber, readSettingsObject } from '../projects/settings-object.js';

/** An identifier a project's users may sign up and log in with. */
export type FlowIdentifier = 'email' | 'phone' | 'username';
/** spec_v2.yaml `verificationMethod`: the fallbacks a project may allow. */
export type FlowFallback = 'email-otp' | 'email-link' | 'phone-otp';

/** A project's Frontend API flow policy (docs/process-flows.md). */
export interface FlowSettings {
  /** Identifier types sign-up asks for (in this order) and login accepts. */
  identifiers: FlowIdentifier[];
  /**
   * Identifier types that must be verified (by OTP or link) before a sign-up creates the
   * account; the rest may be left unverified when a passkey is created instead.
   */
  verifyAtSignup: ('email' | 'phone')[];
  /** Whether sign-up requires a full name. */
  fullNameRequired: boolean;
  /** Fallbacks when no passkey can be used; the first that fits is offered first. */
  fallbacks: FlowFallback[];
  /**
   * Whether login for an identifier nobody has says so (and suggests sign-up). When false, an
   * unknown identifier gets the same OTP block as a known one and no code ever matches.
   */
  revealUnknownIdentifier: boolean;
  /** Whether a passkey is offered after a fallback login (the decision engine still decides). */
  offerPasskeyAfterFallback: boolean;
  /**
   * Whether a sign-up that must verify its email (`verifyAtSignup` has email) and can create a
   * passkey creates the passkey first and verifies the email after it
   * (`post-signup-email-verify`). The account is only activated once the email is verified.
   */
  verifyEmailAfterPasskey: boolean;
  /**
   * Whether a login with a passkey from another device (hybrid: a phone's QR code) is followed
   * by the offer of a passkey on this device (`passkey-append-after-hybrid`; the decision
   * engine still decides).
   */
  offerPasskeyAfterHybrid: boolean;
  /** How long a process lives, in seconds. */
  processLifetimeSeconds: number;
}

/** The defaults: Corbado's passkey-first email flow with email OTP as the fallback. */
export const defaultFlowSettings: FlowSettings = {
  identifiers: ['email'],
  verifyAtSignup: [],
  fullNameRequired: false,
  fallbacks: ['email-otp'],
  revealUnknownIdentifier: true,
  offerPasskeyAfterFallback: true,
  verifyEmailAfterPasskey: false,
  offerPasskeyAfterHybrid: true,
  processLifetimeSeconds: 30 * 60,
};

const identifierTypes: readonly FlowIdentifier[] = ['email', 'phone', 'username'];
const fallbackTypes: readonly FlowFallback[] = ['email-otp', 'email-link', 'phone-otp'];
const settingNames = Object.keys(defaultFlowSettings) as (keyof FlowSettings)[];
const lifetimeBounds = { min: 60, max: 24 * 60 * 60 };

function listOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T[] {
  if (!Array.isArray(value) || value.some((item) => !(allowed as unknown[]).includes(item))) {
    throw invalidField(field, `must be a list of ${allowed.join(', ')}`);
  }
  return [...new Set(value as T[])];
}

function flag(field: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw invalidField(field, 'must be true or false');
  return value;
}

/**
 * Validates flow settings given in part (members present are checked, absent ones left out).
 * @throws VALIDATION_FAILED naming the first bad field (`flow.<name>`).
 */
export function validateFlowSettings(input: unknown, prefix = 'flow'): Partial<FlowSettings> {
  const name = (key: string) => `${prefix}.${key}`;
  const values = readSettingsObject(input, prefix, settingNames);
  const settings: Partial<FlowSettings> = {};
  if (values.identifiers !== undefined) {
    settings.identifiers = listOf(name('identifiers'), values.identifiers, identifierTypes);
    if (settings.identifiers.length === 0) {
      throw invalidField(name('identifiers'), 'must name at least one identifier type');
    }
  }
  if (values.verifyAtSignup !== undefined) {
    settings.verifyAtSignup = listOf(name('verifyAtSignup'), values.verifyAtSignup, [
      'email',
      'phone',
    ] as const);
  }
  if (values.fallbacks !== undefined) {
    settings.fallbacks = listOf(name('fallbacks'), values.fallbacks, fallbackTypes);
  }
  for (const key of [
    'fullNameRequired',
    'revealUnknownIdentifier',
    'offerPasskeyAfterFallback',
    'verifyEmailAfterPasskey',
    'offerPasskeyAfterHybrid',
  ] as const) {
    if (values[key] !== undefined) settings[key] = flag(name(key), values[key]);
  }
  if (values.processLifetimeSeconds !== undefined) {
    settings.processLifetimeSeconds = boundedWholeNumber(
      name('processLifetimeSeconds'),
      values.processLifetimeSeconds,
      lifetimeBounds,
      'seconds',
    );
  }
  return settings;
}

/** A project's flow settings: what it stores, defaults for the rest. */
export function flowSettingsOf(project: Pick<ProjectRecord, 'flow'>): FlowSettings {
  return { ...defaultFlowSettings, ...(project.flow as Partial<FlowSettings>) };
}

/**
 * Stored settings plus validated changes, as they will be stored.
 * @throws VALIDATION_FAILED when a verified identifier type is not offered, or a fallback
 *   needs an identifier type that is not offered.
 */
export function mergeFlowSettings(
  stored: Record<string, unknown>,
  changes: Partial<FlowSettings>,
): Record<string, unknown> {
  const merged = { ...stored, ...changes };
  const effective = flowSettingsOf({ flow: merged });
  for (const type of effective.verifyAtSignup) {
    if (!effective.identifiers.includes(type)) {
      throw invalidField('flow.verifyAtSignup', `names ${type}, which flow.identifiers leaves out`);
    }
  }
  if (effective.verifyEmailAfterPasskey && !effective.verifyAtSignup.includes('email')) {
    throw invalidField(
      'flow.verifyEmailAfterPasskey',
      'needs email in flow.verifyAtSignup (there is nothing to verify after the passkey)',
    );
  }
  for (const fallback of effective.fallbacks) {
    const needs = fallback === 'phone-otp' ? 'phone' : 'email';
    if (!effective.identifiers.includes(needs)) {
      throw invalidField('flow.fallbacks', `${fallback} needs ${needs} in flow.identifiers`);
    }
  }
  return merged;
}
