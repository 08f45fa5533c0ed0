import { BadRequestException } from '@nestjs/common';

/*
 * Hand-written checks for the few bodies this API takes: each refusal is a 400 whose message
 * starts with the field's name, so a client knows what to fix.
 */

type Body = Record<string, unknown>;

const invalid = (field: string, problem: string) => new BadRequestException(`${field}: ${problem}`);

/**
 * The request body as an object.
 * @throws 400 when it is not a JSON object.
 */
export function objectBody(body: unknown): Body {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new BadRequestException('body: must be a JSON object');
  }
  return body as Body;
}

/** Whether the body has the field at all (null counts as absent). */
export function has(body: Body, field: string): boolean {
  return body[field] !== undefined && body[field] !== null;
}

/**
 * A required string, trimmed, of 1 to `max` characters.
 * @throws 400 naming the field.
 */
export function requireString(body: Body, field: string, max: number): string {
  const value = body[field];
  if (value === undefined || value === null) throw invalid(field, 'is required');
  if (typeof value !== 'string') throw invalid(field, 'must be a string');
  const trimmed = value.trim();
  if (trimmed === '') throw invalid(field, 'must not be empty');
  if (trimmed.length > max) throw invalid(field, `must be at most ${max} characters`);
  return trimmed;
}

// Deliberately loose (RFC 5321 lengths, one @, a dot in the domain): Latchkey normalises it,
// and the code that reaches the inbox is the real check.
const emailPattern = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]+$/;

/**
 * A required email address, lower-cased.
 * @throws 400 naming the field.
 */
export function requireEmail(body: Body, field = 'email'): string {
  const value = requireString(body, field, 254).toLowerCase();
  if (!emailPattern.test(value)) throw invalid(field, 'must be an email address');
  return value;
}

/**
 * A one-time code: 4 to 12 digits (Latchkey sends 6), spaces tolerated.
 * @throws 400 naming the field.
 */
export function requireCode(body: Body, field = 'code'): string {
  const value = requireString(body, field, 32).replace(/\s+/g, '');
  if (!/^\d{4,12}$/.test(value)) throw invalid(field, 'must be the digits from the email');
  return value;
}

/** Largest browser response accepted, in characters of JSON (Latchkey allows 128 KiB). */
const maxCredentialJson = 64 * 1024;

/**
 * The browser's `PublicKeyCredential` (its `toJSON()`), given as an object or as JSON text;
 * returned as JSON text, as the Backend API takes it.
 * @throws 400 naming the field.
 */
export function requireCredentialResponse(body: Body, field: string): string {
  const value = body[field];
  if (value === undefined || value === null) throw invalid(field, 'is required');
  let parsed: unknown = value;
  if (typeof value === 'string') {
    if (value.length > maxCredentialJson) throw invalid(field, 'is too large');
    try {
      parsed = JSON.parse(value);
    } catch {
      throw invalid(field, 'must be a JSON object or JSON text of one');
    }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw invalid(field, 'must be the browser’s credential (credential.toJSON())');
  }
  const credential = parsed as Record<string, unknown>;
  if (typeof credential.id !== 'string' || typeof credential.response !== 'object') {
    throw invalid(field, 'must have the credential’s id and response');
  }
  const text = JSON.stringify(parsed);
  if (text.length > maxCredentialJson) throw invalid(field, 'is too large');
  return text;
}
