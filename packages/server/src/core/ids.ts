import type { Random } from './random.js';

/**
 * Every ID Latchkey mints is a prefix plus 19 digits (`usr-4693224802260150919`), because
 * Corbado's SDKs sometimes send the bare number (for example in `userID:eq:<number>` filters).
 * 19 digits keep the number inside a signed 64-bit integer and make text order numeric order.
 */
export const idPrefixes = {
  project: 'pro',
  apiSecret: 'sec',
  user: 'usr',
  identifier: 'ide',
  socialAccount: 'sac',
  challenge: 'cha',
  connectToken: 'ctk',
  authEvent: 'aev',
  passkeyEvent: 'pev',
  webhookEndpoint: 'whe',
  webhookEvent: 'evt',
  webhookDelivery: 'whd',
  message: 'msg',
  credential: 'cre',
  passkeyChallenge: 'pch',
  clientEnv: 'cle',
  passwordManager: 'pwm',
  signingKey: 'pki',
  session: 'ses',
  process: 'prc',
  connectProcess: 'cpr',
} as const;

export type IdKind = keyof typeof idPrefixes;

const idDigits = 19;

/** Mints a new ID of the given kind. */
export function newId(kind: IdKind, random: Random): string {
  // The first digit stays below 9 so the number fits a signed 64-bit integer.
  let number = random.digits(idDigits);
  if (number.startsWith('9')) number = `8${number.slice(1)}`;
  return `${idPrefixes[kind]}-${number}`;
}

/**
 * Reads an ID as a client may send it: with its prefix or as the bare number.
 * Returns the canonical prefixed form, or undefined when it cannot be one of ours.
 */
export function parseId(kind: IdKind, value: string): string | undefined {
  const prefix = `${idPrefixes[kind]}-`;
  const number = value.startsWith(prefix) ? value.slice(prefix.length) : value;
  return /^[0-9]{1,20}$/.test(number) ? `${prefix}${number}` : undefined;
}

/** True when `value` is a well-formed, prefixed ID of the given kind. */
export function isId(kind: IdKind, value: string): boolean {
  return value.startsWith(`${idPrefixes[kind]}-`) && parseId(kind, value) === value;
}
