import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Hash of a high-entropy secret (API secrets, tokens) for storage. SHA-256 is right here:
 * the input has at least 238 bits of entropy, so there is nothing to brute-force and no
 * need for a slow password hash.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Compares two hex digests in constant time. */
export function hashesEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}
