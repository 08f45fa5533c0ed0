import { createHash, createPrivateKey, generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import type { SigningKeyRecord } from '../../store/signing-key.store.js';
import type { CoreDeps } from '../deps.js';
import { invalidField } from '../errors.js';
import type { JwsSigner } from './jws-signer.js';
import { decryptPrivateKey, encryptPrivateKey } from './key-encryption.js';

export type { SigningKeyRecord } from '../../store/signing-key.store.js';

export const signingKeyPurposes = ['passkey-data', 'session'] as const;
export type SigningKeyPurpose = (typeof signingKeyPurposes)[number];

export const signingAlgorithms = ['RS256', 'ES256', 'EdDSA'] as const;
export type SigningAlgorithm = (typeof signingAlgorithms)[number];

/** RS256 by default: Corbado's tokens are RS256 and its SDKs expect it. */
export const defaultSigningAlgorithm: SigningAlgorithm = 'RS256';

/** Use cases that touch signing keys also need the master key that encrypts them at rest. */
export interface KeyDeps extends CoreDeps {
  masterKey: Buffer;
  /** Where signatures are made; in process when absent. */
  signer?: JwsSigner;
}

/** A public JWK as a JWKS serves it. */
export interface PublicJwk {
  kty: string;
  kid: string;
  alg: SigningAlgorithm;
  use: 'sig';
  [member: string]: unknown;
}

export function parsePurpose(value: string, field = 'purpose'): SigningKeyPurpose {
  if ((signingKeyPurposes as readonly string[]).includes(value)) return value as SigningKeyPurpose;
  throw invalidField(field, `must be one of ${signingKeyPurposes.join(', ')}`);
}

export function parseAlgorithm(value: string, field = 'algorithm'): SigningAlgorithm {
  if ((signingAlgorithms as readonly string[]).includes(value)) return value as SigningAlgorithm;
  throw invalidField(field, `must be one of ${signingAlgorithms.join(', ')}`);
}

/**
 * A fresh key pair: the public JWK (JSON) and the private key as encrypted PKCS#8 PEM.
 * Generated off the event loop (an RSA key takes 100–200 ms), so requests keep flowing.
 */
export async function generateSigningKeyMaterial(
  masterKey: Buffer,
  keyId: string,
  algorithm: SigningAlgorithm,
): Promise<{ publicJwk: string; encryptedPrivateKey: string }> {
  const pair =
    algorithm === 'RS256'
      ? await generateKeyPairAsync('rsa', { modulusLength: 2048 })
      : algorithm === 'ES256'
        ? await generateKeyPairAsync('ec', { namedCurve: 'P-256' })
        : await generateKeyPairAsync('ed25519');
  const pem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return {
    publicJwk: JSON.stringify(pair.publicKey.export({ format: 'jwk' })),
    encryptedPrivateKey: encryptPrivateKey(masterKey, keyId, pem),
  };
}

const generateKeyPairAsync = promisify(generateKeyPair) as (
  type: 'rsa' | 'ec' | 'ed25519',
  options?: { modulusLength?: number; namedCurve?: string },
) => Promise<{ publicKey: KeyObject; privateKey: KeyObject }>;

/**
 * The private key of a stored signing key, decrypted with the master key.
 * @throws LatchkeyError INTERNAL when the master key is wrong or the row was altered.
 */
export function loadPrivateKey(masterKey: Buffer, key: SigningKeyRecord): KeyObject {
  // A key ID always names the same key material, so the decrypted key can be kept: this is a
  // cache of immutable data, not shared state. Keyed by the master key too, so a wrong master
  // key still fails.
  const cacheKey = `${key.id}:${masterKeyTag(masterKey)}`;
  const cached = privateKeyCache.get(cacheKey);
  if (cached) return cached;
  const loaded = createPrivateKey(decryptPrivateKey(masterKey, key.id, key.encryptedPrivateKey));
  if (privateKeyCache.size >= privateKeyCacheSize) privateKeyCache.clear();
  privateKeyCache.set(cacheKey, loaded);
  return loaded;
}

/** Decrypted private keys by key ID (and master key): decryption costs more than signing. */
const privateKeyCache = new Map<string, KeyObject>();
const privateKeyCacheSize = 1000;
const masterKeyTags = new WeakMap<Buffer, string>();

function masterKeyTag(masterKey: Buffer): string {
  let tag = masterKeyTags.get(masterKey);
  if (!tag) {
    tag = createHash('sha256').update(masterKey).digest('base64url').slice(0, 16);
    masterKeyTags.set(masterKey, tag);
  }
  return tag;
}

/** The stored key's public JWK with `kid`, `alg` and `use`. */
export function toPublicJwk(key: SigningKeyRecord): PublicJwk {
  const jwk = JSON.parse(key.publicJwk) as { kty: string } & Record<string, unknown>;
  return {
    ...jwk,
    kty: jwk.kty,
    kid: key.id,
    alg: key.algorithm as SigningAlgorithm,
    use: 'sig',
  };
}
