import { createHash, createHmac } from 'node:crypto';
import type { Random } from '../random.js';

/** Standard Webhooks: secrets are `whsec_` + base64 of the key bytes. */
export const signingSecretPrefix = 'whsec_';

/**
 * A new signing secret: `whsec_` + base64 of 32 bytes. The bytes are the SHA-256 of 48 base62
 * characters from the injected randomness (about 285 bits), so tests can seed it and the key
 * still has the full 256 bits Standard Webhooks asks for.
 */
export function newSigningSecret(random: Random): string {
  const key = createHash('sha256').update(random.base62(48), 'utf8').digest();
  return `${signingSecretPrefix}${key.toString('base64')}`;
}

/**
 * The `webhook-signature` header value (Standard Webhooks 1.0, "Signature scheme"):
 * `v1,` + base64 HMAC-SHA256 over `${id}.${timestamp}.${body}`, keyed with the base64-decoded
 * part of the secret after `whsec_`.
 */
export function signWebhook(
  secret: string,
  id: string,
  timestampSeconds: number,
  body: string,
): string {
  const key = Buffer.from(secret.slice(signingSecretPrefix.length), 'base64');
  const mac = createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`, 'utf8');
  return `v1,${mac.digest('base64')}`;
}
