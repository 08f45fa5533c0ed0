import { createPublicKey, type KeyObject } from 'node:crypto';
import { findSigningKey } from '../../store/signing-key.store.js';
import type { CoreDeps } from '../deps.js';
import { verifyJws } from './jws.js';
import type { SigningAlgorithm, SigningKeyPurpose } from './signing-keys.js';

/** Why a token did not verify; `ok` carries its claims. */
export type JwtVerification =
  | { ok: true; claims: Record<string, unknown>; keyId: string }
  | { ok: false; reason: 'malformed' | 'wrong-type' | 'unknown-key' | 'bad-signature' };

/** Longest token looked at; Latchkey's are well under 2 KB. */
const maxTokenLength = 8 * 1024;

const publicKeyCache = new Map<string, KeyObject>();

function decodePart(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Verifies a compact JWS signed by one of the project's keys of `purpose` (active or still in
 * its overlap window), with the expected `typ`. The header's `alg` must be the key's own, so
 * no algorithm confusion is possible. Claims (exp, nbf, …) are the caller's to check.
 */
export async function verifyJwt(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  input: { projectId: string; purpose: SigningKeyPurpose; typ: string; token: string },
): Promise<JwtVerification> {
  const parts = input.token.length <= maxTokenLength ? input.token.split('.') : [];
  if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]+$/.test(part))) {
    return { ok: false, reason: 'malformed' };
  }
  const [headerPart, payloadPart, signature] = parts as [string, string, string];
  const header = decodePart(headerPart);
  const claims = decodePart(payloadPart);
  if (!header || !claims || typeof header.kid !== 'string')
    return { ok: false, reason: 'malformed' };
  if (header.typ !== input.typ) return { ok: false, reason: 'wrong-type' };
  const key = await findSigningKey(deps.db, input.projectId, header.kid);
  const published =
    key !== undefined &&
    key.purpose === input.purpose &&
    (key.status === 'active' ||
      (key.status === 'retiring' &&
        key.retireAfter !== null &&
        key.retireAfter > deps.clock.now()));
  if (!key || !published || header.alg !== key.algorithm)
    return { ok: false, reason: 'unknown-key' };
  let publicKey = publicKeyCache.get(key.id);
  if (!publicKey) {
    publicKey = createPublicKey({ key: JSON.parse(key.publicJwk), format: 'jwk' });
    if (publicKeyCache.size >= 1000) publicKeyCache.clear();
    publicKeyCache.set(key.id, publicKey);
  }
  const valid = verifyJws(
    key.algorithm as SigningAlgorithm,
    publicKey,
    `${headerPart}.${payloadPart}`,
    signature,
  );
  return valid ? { ok: true, claims, keyId: key.id } : { ok: false, reason: 'bad-signature' };
}
