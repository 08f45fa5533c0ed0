import {
  createHash,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
  webcrypto,
} from 'node:crypto';
import { performance } from 'node:perf_hooks';

/** Operations per second of the cryptography one passkey login costs the server. */
export interface CryptoCeiling {
  /** ES256 assertion signature checks with node:crypto (synchronous, one thread). */
  es256VerifyPerSecond: number;
  /** The same check through WebCrypto (`crypto.subtle.verify`), which @simplewebauthn/server uses. */
  es256WebCryptoVerifyPerSecond: number;
  /** The session-signature algorithm: JWS signatures (RS256 unless configured otherwise). */
  signatureAlgorithm: string;
  signPerSecond: number;
  /**
   * Logins per second one core could do if it did nothing but this cryptography: one ES256
   * verification (WebCrypto, as the server does it) plus one signature per login.
   */
  loginsPerSecondPerCore: number;
}

/** Runs `op` repeatedly for about `ms` milliseconds (after a short warm-up); returns ops/s. */
async function rate(ms: number, op: () => unknown | Promise<unknown>): Promise<number> {
  const warmUntil = performance.now() + Math.min(100, ms / 5);
  while (performance.now() < warmUntil) await op();
  let count = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    // Batches of 16 keep the clock reads out of the measurement.
    for (let i = 0; i < 16; i++) await op();
    count += 16;
    now = performance.now();
  }
  return (count * 1000) / (now - start);
}

/** What a WebAuthn assertion signs: authenticatorData (37 bytes) ‖ SHA-256(clientDataJSON). */
function assertionPayload(): Buffer {
  const authData = Buffer.alloc(37, 1);
  const clientDataJSON = JSON.stringify({
    type: 'webauthn.get',
    challenge: Buffer.alloc(32, 7).toString('base64url'),
    origin: 'http://localhost:8080',
    crossOrigin: false,
  });
  return Buffer.concat([authData, createHash('sha256').update(clientDataJSON).digest()]);
}

function signingKey(algorithm: string): KeyObject {
  if (algorithm === 'RS256') return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  if (algorithm === 'ES256') return generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  if (algorithm === 'EdDSA') return generateKeyPairSync('ed25519').privateKey;
  throw new Error(`unknown signature algorithm ${algorithm}`);
}

/** A JWS signature as the server makes it (core/keys/sign-jwt.ts signJws). */
function jwsSign(algorithm: string, key: KeyObject, data: Buffer): Buffer {
  if (algorithm === 'EdDSA') return sign(null, data, key);
  return sign('sha256', data, algorithm === 'ES256' ? { key, dsaEncoding: 'ieee-p1363' } : key);
}

/**
 * Measures, on this machine and one thread, ES256 verifications per second (node:crypto and
 * WebCrypto) and `signatureAlgorithm` signatures per second, `msEach` milliseconds each.
 */
export async function measureCryptoCeiling(
  signatureAlgorithm: string,
  msEach = 1000,
): Promise<CryptoCeiling> {
  const payload = assertionPayload();
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  // Authenticators send ASN.1 DER ECDSA signatures.
  const derSignature = sign('sha256', payload, { key: privateKey, dsaEncoding: 'der' });
  if (!verify('sha256', payload, publicKey, derSignature))
    throw new Error('ES256 self-check failed');
  const es256VerifyPerSecond = await rate(msEach, () =>
    verify('sha256', payload, publicKey, derSignature),
  );

  // WebCrypto wants the raw r‖s form; @simplewebauthn converts DER to it before verifying.
  const rawSignature = sign('sha256', payload, { key: privateKey, dsaEncoding: 'ieee-p1363' });
  const webKey = await webcrypto.subtle.importKey(
    'jwk',
    publicKey.export({ format: 'jwk' }),
    { name: 'ECDSA', namedCurve: 'P-256' },
    false,
    ['verify'],
  );
  const webVerify = () =>
    webcrypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, webKey, rawSignature, payload);
  if (!(await webVerify())) throw new Error('WebCrypto ES256 self-check failed');
  const es256WebCryptoVerifyPerSecond = await rate(msEach, webVerify);

  const key = signingKey(signatureAlgorithm);
  // About the size of a signedPasskeyData header.payload.
  const jwsInput = Buffer.from('x'.repeat(600));
  const signPerSecond = await rate(msEach, () => jwsSign(signatureAlgorithm, key, jwsInput));

  return {
    es256VerifyPerSecond,
    es256WebCryptoVerifyPerSecond,
    signatureAlgorithm,
    signPerSecond,
    loginsPerSecondPerCore: 1 / (1 / es256WebCryptoVerifyPerSecond + 1 / signPerSecond),
  };
}
