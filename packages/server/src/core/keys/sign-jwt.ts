import { type KeyObject, sign, verify } from 'node:crypto';
import { ensureSigningKey } from './ensure-signing-key.js';
import {
  type KeyDeps,
  loadPrivateKey,
  type SigningAlgorithm,
  type SigningKeyPurpose,
} from './signing-keys.js';

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

export interface SignJwtInput {
  projectId: string;
  purpose: SigningKeyPurpose;
  /** JWT `typ` header (e.g. `passkey-data+jwt`), so tokens of one purpose never pass as another. */
  typ: string;
  claims: Record<string, unknown>;
}

/**
 * Signs a JWT with the project's active key for the purpose (created on first use); the
 * header carries `alg`, `typ` and `kid` (the key's `pki-…` ID).
 */
export async function signJwt(deps: KeyDeps, input: SignJwtInput): Promise<string> {
  const key = await ensureSigningKey(deps, { projectId: input.projectId, purpose: input.purpose });
  const algorithm = key.algorithm as SigningAlgorithm;
  const header = { alg: algorithm, typ: input.typ, kid: key.id };
  const data = `${encodePart(header)}.${encodePart(input.claims)}`;
  return `${data}.${signJws(algorithm, loadPrivateKey(deps.masterKey, key), data)}`;
}

function encodePart(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}
