import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { isLatchkeyError } from '../../src/core/errors.js';
import { signJws, verifyJws } from '../../src/core/keys/jws.js';
import {
  defaultWebauthnSettings,
  type RelyingParty,
} from '../../src/core/passkeys/relying-party.js';
import { inProcessVerifier } from '../../src/core/passkeys/webauthn/webauthn-verifier.js';
import {
  type CryptoWorkerPool,
  createCryptoWorkerPool,
} from '../../src/server/crypto-worker-pool.js';

// The pool must answer exactly as the in-process verifier does: the same verified data, and
// the same LatchkeyError (code and field) for a refused response.
const vector = JSON.parse(
  readFileSync(new URL('../fixtures/webauthn/w3c-none-es256.json', import.meta.url), 'utf8'),
) as {
  rpId: string;
  origin: string;
  registration: { challenge: string; response: RegistrationResponseJSON };
  authentication: { challenge: string; response: AuthenticationResponseJSON };
};

const rp: RelyingParty = {
  ...defaultWebauthnSettings,
  projectId: 'pro-1',
  id: vector.rpId,
  name: 'Example',
  origins: [vector.origin],
};

let pool: CryptoWorkerPool;
before(() => {
  pool = createCryptoWorkerPool(2);
});
after(() => pool.close());

test('the worker pool verifies a registration and an assertion like the in-process verifier', async () => {
  const input = {
    response: vector.registration.response,
    expectedChallenge: vector.registration.challenge,
  };
  const registered = await pool.verifyRegistration(rp, input);
  assert.deepEqual(registered, await inProcessVerifier.verifyRegistration(rp, input));
  const assertionInput = {
    response: vector.authentication.response,
    expectedChallenge: vector.authentication.challenge,
    credential: {
      credentialId: registered.credentialId,
      publicKey: registered.publicKey,
      transports: [],
    },
  };
  const assertions = await Promise.all(
    Array.from({ length: 6 }, () => pool.verifyAuthentication(rp, assertionInput)),
  );
  assert.equal(new Set(assertions.map((a) => JSON.stringify(a))).size, 1);
  assert.deepEqual(assertions[0], await inProcessVerifier.verifyAuthentication(rp, assertionInput));
});

test('a refused response comes back as the same LatchkeyError', async () => {
  const wrongOrigin = { ...rp, origins: ['https://evil.example'] };
  const input = {
    response: vector.registration.response,
    expectedChallenge: vector.registration.challenge,
  };
  const fromPool = await pool
    .verifyRegistration(wrongOrigin, input)
    .catch((error: unknown) => error);
  const inProcess = await inProcessVerifier
    .verifyRegistration(wrongOrigin, input)
    .catch((error: unknown) => error);
  assert.ok(isLatchkeyError(fromPool), String(fromPool));
  assert.ok(isLatchkeyError(inProcess));
  assert.equal(fromPool.code, 'WEBAUTHN_VERIFICATION_FAILED');
  assert.equal(fromPool.message, inProcess.message);
  assert.deepEqual(fromPool.validation, inProcess.validation);
});

test('the worker pool signs like the in-process signer, for every algorithm', async () => {
  const data = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c3ItMSJ9';
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  // RS256 (PKCS #1 v1.5) is deterministic: the same key and data give the same signature.
  assert.equal(
    await pool.signJws('RS256', rsa.privateKey, data),
    signJws('RS256', rsa.privateKey, data),
  );
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const ed = generateKeyPairSync('ed25519');
  for (const [algorithm, pair] of [
    ['ES256', ec],
    ['EdDSA', ed],
  ] as const) {
    const signature = await pool.signJws(algorithm, pair.privateKey, data);
    assert.ok(verifyJws(algorithm, pair.publicKey, data, signature), algorithm);
    assert.ok(!verifyJws(algorithm, pair.publicKey, `${data}x`, signature), algorithm);
  }
});

test('a signing failure comes back as an error, and the thread keeps working', async () => {
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const ed = generateKeyPairSync('ed25519');
  // An Ed25519 key signs without a separate digest: RS256's SHA-256 is refused.
  await assert.rejects(pool.signJws('RS256', ed.privateKey, 'a.b'), /crypto worker job failed/);
  const signature = await pool.signJws('ES256', ec.privateKey, 'a.b');
  assert.ok(verifyJws('ES256', ec.publicKey, 'a.b', signature));
});

test('after close, verifications are refused instead of hanging', async () => {
  const closed = createCryptoWorkerPool(1);
  await closed.close();
  await assert.rejects(
    closed.verifyRegistration(rp, {
      response: vector.registration.response,
      expectedChallenge: vector.registration.challenge,
    }),
    /closed/,
  );
});
