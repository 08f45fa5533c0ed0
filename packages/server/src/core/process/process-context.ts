import type { ClientInformation } from '../events/client-information.js';
import type { FlowIdentifier } from './flow-settings.js';

/** spec_v2.yaml `verificationMethod`. */
export type VerificationMethod = 'email-otp' | 'email-link' | 'phone-otp';

/** An identifier the process works with, and whether this process verified it. */
export interface ContextIdentifier {
  type: FlowIdentifier;
  value: string;
  verified: boolean;
}

/** A code or link sent by this process, waiting for the user. */
export interface PendingVerification {
  method: VerificationMethod;
  identifier: string;
  /** The challenge (core/challenges); null for an unknown identifier, where nothing was sent. */
  challengeId: string | null;
  /** Epoch ms before which no new code is sent (spec_v2.yaml `retryNotBefore` is in seconds). */
  retryNotBefore: number;
  /** Set when the link was opened on another device: the waiting process may complete. */
  verifiedElsewhere: boolean;
}

/** spec_v2.yaml `passkeyOperation`: what the completed block says about the passkey used. */
export interface PasskeyOperation {
  operationType: 'append' | 'verify';
  identifierValue: string;
  identifierType: FlowIdentifier;
  ceremonyType: 'local' | 'cda' | 'security-key';
}

/**
 * The typed flow data of one process, stored as JSON with its version `v`. A new shape gets
 * a new version and `parseProcessContext` upgrades (or refuses) older ones, so a process that
 * was started before an upgrade never reads data it does not understand.
 */
export interface ProcessContextV1 {
  v: 1;
  authType: 'signup' | 'login';
  /** The validated client information from init (and the latest passkey start). */
  client: ClientInformation;
  /** An app (`clientInformation.isNative`): the completed block carries `longSession`. */
  native: boolean;
  /** The user signing up (created pending at signup-init) or logging in; null until known. */
  userId: string | null;
  /** Sign-up: the identifiers given. Login: the one given. */
  identifiers: ContextIdentifier[];
  fullName: string | null;
  /** The options of the passkey block the client is on (append or verify), JSON text. */
  passkeyChallenge: string | null;
  verification: PendingVerification | null;
  passkeyOperation: PasskeyOperation | null;
  /** True when this login used a fallback (email or phone OTP, email link). */
  usedFallback: boolean;
  /**
   * The decision engine's append variant for the passkey block the client is on. Optional so
   * that v1 contexts written before it existed read as `default`.
   */
  appendVariant?: AppendBlockVariant;
}

/** spec_v2.yaml `generalBlockPasskeyAppend.variant`. */
export type AppendBlockVariant = 'default' | 'after-hybrid' | 'after-error';

/** The current context version. */
export type ProcessContext = ProcessContextV1;

/** A fresh context for a new (or reset) process. */
export function newProcessContext(
  authType: 'signup' | 'login',
  client: ClientInformation,
  native: boolean,
): ProcessContext {
  return {
    v: 1,
    authType,
    client,
    native,
    userId: null,
    identifiers: [],
    fullName: null,
    passkeyChallenge: null,
    verification: null,
    passkeyOperation: null,
    usedFallback: false,
  };
}

/**
 * The stored context as the current version; undefined when it is of a version this code
 * does not know (the caller treats the process as unusable and asks for a new one).
 */
export function parseProcessContext(stored: unknown): ProcessContext | undefined {
  if (typeof stored !== 'object' || stored === null) return undefined;
  const context = stored as { v?: unknown };
  return context.v === 1 ? (stored as ProcessContextV1) : undefined;
}

/** The identifier a login or sign-up goes by: the first given (email before phone). */
export function primaryIdentifier(context: ProcessContext): ContextIdentifier | undefined {
  return context.identifiers[0];
}
