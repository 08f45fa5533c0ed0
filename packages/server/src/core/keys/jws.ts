import { type KeyObject, sign, verify } from 'node:crypto';
import type { SigningAlgorithm } from './signing-keys.js';

/** Signs `header.payload` with the key: RS256/ES256 over SHA-256 (ES256 as raw r||s), EdDSA. */
export function signJws(algorithm: SigningAlgorithm, key: KeyObject, data: string): string {
  const bytes = Buffer.from(data, 'utf8');
  const signature =
    algorithm === 'EdDSA'
      ? sign(null, bytes, key)
      : sign('sha256', bytes, algorithm === 'ES256' ? { key, dsaEncoding: 'ieee-p1363' } : key);
  return signature.toString('base64url');
}

/** Verifies a compact JWS signature; false on any mismatch. */
export function verifyJws(
  algorithm: SigningAlgorithm,
  key: KeyObject,
  data: string,
  signature: string,
): boolean {
  const bytes = Buffer.from(data, 'utf8');
  const sig = Buffer.from(signature, 'base64url');
  return algorithm === 'EdDSA'
    ? verify(null, bytes, key, sig)
    : verify(
        'sha256',
        bytes,
        algorithm === 'ES256' ? { key, dsaEncoding: 'ieee-p1363' } : key,
        sig,
      );
}
