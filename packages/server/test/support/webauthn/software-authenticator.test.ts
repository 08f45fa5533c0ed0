// The software authenticator against @simplewebauthn/server: every happy path verifies, and
// every tamper knob provably breaks verification (or shows up in the verified result).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type WebAuthnCredential,
} from '@simplewebauthn/server';
import { encodeCbor } from './cbor.js';
import {
  createSoftwareAuthenticator,
  FLAG,
  randomBase64url,
  type SoftwareAlgorithm,
  type SoftwareAuthenticator,
  SoftwareAuthenticatorError,
  type Tamper,
} from './software-authenticator.js';

const rpID = 'app.example.com';
const origin = 'https://app.example.com';
const AAGUID = 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd';

async function register(
  auth: SoftwareAuthenticator,
  opts: { userName?: string; tamper?: Tamper; requireUserVerification?: boolean } = {},
) {
  const options = await generateRegistrationOptions({
    rpName: 'Example',
    rpID,
    userName: opts.userName ?? 'alice@example.com',
    authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
  });
  const response = auth.createCredential(options, { origin, tamper: opts.tamper });
  const verification = await verifyRegistrationResponse({
    response,
    expectedChallenge: options.challenge,
    expectedOrigin: origin,
    expectedRPID: rpID,
    requireUserVerification: opts.requireUserVerification ?? true,
  });
  return { options, response, verification };
}

async function registerCredential(auth: SoftwareAuthenticator, userName?: string) {
  const { options, verification } = await register(auth, { userName });
  assert.ok(verification.verified);
  return { credential: verification.registrationInfo.credential, userId: options.user.id };
}

async function login(
  auth: SoftwareAuthenticator,
  credential: WebAuthnCredential,
  opts: {
    tamper?: Tamper;
    discoverable?: boolean;
    requireUserVerification?: boolean;
    credentialId?: string;
  } = {},
) {
  const options = await generateAuthenticationOptions({
    rpID,
    allowCredentials: opts.discoverable ? [] : [{ id: credential.id }],
    userVerification: 'preferred',
  });
  const response = auth.getAssertion(options, {
    origin,
    tamper: opts.tamper,
    credentialId: opts.credentialId,
  });
  const verification = await verifyAuthenticationResponse({
    response,
    expectedChallenge: options.challenge,
    expectedOrigin: origin,
    expectedRPID: rpID,
    credential,
    requireUserVerification: opts.requireUserVerification ?? true,
  });
  return { options, response, verification };
}

/**
 * Verification fails: it throws (with a message matching `why`), or, when `why` is
 * 'unverified', it returns verified: false (how @simplewebauthn reports a bad signature).
 */
async function fails(
  run: () => Promise<{ verification: { verified: boolean } }>,
  why: RegExp | 'unverified',
) {
  let outcome: { verification: { verified: boolean } };
  try {
    outcome = await run();
  } catch (err) {
    assert.ok(why instanceof RegExp, `expected verified: false, got ${(err as Error).message}`);
    assert.match((err as Error).message, why);
    return;
  }
  assert.equal(why, 'unverified', 'expected verification to throw');
  assert.equal(outcome.verification.verified, false, 'expected verification to fail');
}

const clientData = (response: { response: { clientDataJSON: string } }) =>
  JSON.parse(Buffer.from(response.response.clientDataJSON, 'base64url').toString('utf8'));
const authFlags = (response: AuthenticationResponseJSON) =>
  Buffer.from(response.response.authenticatorData, 'base64url')[32]!;

describe('cbor', () => {
  it('encodes ints, strings, bytes and canonical maps', () => {
    assert.equal(encodeCbor(0).toString('hex'), '00');
    assert.equal(encodeCbor(23).toString('hex'), '17');
    assert.equal(encodeCbor(24).toString('hex'), '1818');
    assert.equal(encodeCbor(1000).toString('hex'), '1903e8');
    assert.equal(encodeCbor(1000000).toString('hex'), '1a000f4240');
    assert.equal(encodeCbor(-1).toString('hex'), '20');
    assert.equal(encodeCbor(-257).toString('hex'), '390100');
    assert.equal(encodeCbor('fmt').toString('hex'), '63666d74');
    assert.equal(encodeCbor(new Uint8Array([1, 2])).toString('hex'), '420102');
    assert.equal(encodeCbor([1, true, false]).toString('hex'), '8301f5f4');
    assert.equal(
      encodeCbor(
        new Map<number, number>([
          [-1, 1],
          [3, -7],
          [1, 2],
        ]),
      ).toString('hex'),
      'a3010203262001',
    );
  });
});

describe('software authenticator', () => {
  for (const algorithm of ['ES256', 'EdDSA', 'RS256'] as SoftwareAlgorithm[]) {
    for (const attestation of ['none', 'packed-self'] as const) {
      it(`registers and logs in with ${algorithm}, attestation ${attestation}`, async () => {
        const auth = createSoftwareAuthenticator({
          signCounter: 'increment',
          algorithm,
          attestation,
          aaguid: AAGUID,
        });
        const { options, response, verification } = await register(auth);
        assert.ok(verification.verified);
        const info = verification.registrationInfo;
        assert.equal(info.fmt, attestation === 'none' ? 'none' : 'packed');
        assert.equal(info.aaguid, AAGUID);
        assert.equal(info.credential.id, response.id);
        assert.equal(info.userVerified, true);
        assert.equal(info.credentialDeviceType, 'multiDevice');
        assert.equal(info.credentialBackedUp, true);
        assert.equal(response.rawId, response.id);
        assert.equal(Buffer.from(response.id, 'base64url').length, 32);
        assert.equal(response.type, 'public-key');
        assert.equal(response.authenticatorAttachment, 'platform');
        assert.deepEqual(response.response.transports, ['internal', 'hybrid']);
        assert.equal(
          response.response.publicKeyAlgorithm,
          { ES256: -7, EdDSA: -8, RS256: -257 }[algorithm],
        );
        assert.ok(response.response.publicKey);
        assert.deepEqual(response.clientExtensionResults, { credProps: { rk: true } });
        assert.deepEqual(clientData(response), {
          type: 'webauthn.create',
          challenge: options.challenge,
          origin,
          crossOrigin: false,
        });

        const { verification: login1 } = await login(auth, info.credential);
        assert.ok(login1.verified);
        assert.equal(login1.authenticationInfo.newCounter, 1);
        assert.equal(login1.authenticationInfo.userVerified, true);
      });
    }
  }

  it('offers the first supported algorithm of pubKeyCredParams, and refuses unsupported ones', async () => {
    const options = await generateRegistrationOptions({
      rpName: 'Example',
      rpID,
      userName: 'bob',
      supportedAlgorithmIDs: [-257, -7],
    });
    const auto = createSoftwareAuthenticator({ signCounter: 'zero' });
    assert.equal(auto.createCredential(options, { origin }).response.publicKeyAlgorithm, -257);
    const eddsa = createSoftwareAuthenticator({ signCounter: 'zero', algorithm: 'EdDSA' });
    assert.throws(
      () => eddsa.createCredential(options, { origin }),
      (err: unknown) =>
        err instanceof SoftwareAuthenticatorError && err.name === 'NotSupportedError',
    );
  });

  it('accepts the { publicKey } wrapper and reports crossOrigin / topOrigin', async () => {
    const auth = createSoftwareAuthenticator({ signCounter: 'increment' });
    const options = await generateRegistrationOptions({ rpName: 'Example', rpID, userName: 'c' });
    const response = auth.createCredential(
      { publicKey: options },
      { origin, crossOrigin: true, topOrigin: 'https://top.example.net' },
    );
    assert.deepEqual(clientData(response), {
      type: 'webauthn.create',
      challenge: options.challenge,
      origin,
      crossOrigin: true,
      topOrigin: 'https://top.example.net',
    });
  });

  it('discoverable login (empty allowCredentials) returns the right userHandle', async () => {
    const auth = createSoftwareAuthenticator({ signCounter: 'increment' });
    const alice = await registerCredential(auth, 'alice');
    const bob = await registerCredential(auth, 'bob');
    assert.notEqual(alice.userId, bob.userId);

    // Default: the most recently created credential for the RP ID.
    const last = await login(auth, bob.credential, { discoverable: true });
    assert.ok(last.verification.verified);
    assert.deepEqual(last.options.allowCredentials, []);
    assert.equal(last.response.id, bob.credential.id);
    assert.equal(last.response.response.userHandle, bob.userId);

    // Choosing an account.
    const chosen = await login(auth, alice.credential, {
      discoverable: true,
      credentialId: alice.credential.id,
    });
    assert.ok(chosen.verification.verified);
    assert.equal(chosen.response.response.userHandle, alice.userId);

    // Allow list picks the listed credential.
    const listed = await login(auth, alice.credential);
    assert.equal(listed.response.id, alice.credential.id);
    assert.equal(listed.response.response.userHandle, alice.userId);
  });

  it('throws a clear error when no credential matches', async () => {
    const auth = createSoftwareAuthenticator({ signCounter: 'increment' });
    await registerCredential(auth);
    const unknown = await generateAuthenticationOptions({
      rpID,
      allowCredentials: [{ id: randomBase64url() }],
    });
    assert.throws(() => auth.getAssertion(unknown, { origin }), {
      name: 'NotAllowedError',
      message: /none of the 1 allowed credential\(s\) for RP ID app\.example\.com/,
    });
    const otherRp = await generateAuthenticationOptions({ rpID: 'other.example.org' });
    assert.throws(() => auth.getAssertion(otherRp, { origin: 'https://other.example.org' }), {
      name: 'NotAllowedError',
      message: /no discoverable credential for RP ID other\.example\.org/,
    });
  });

  it('honours excludeCredentials unless told to ignore it; credential IDs can be forced', async () => {
    const auth = createSoftwareAuthenticator({ signCounter: 'increment' });
    const { credential } = await registerCredential(auth);
    const options = await generateRegistrationOptions({
      rpName: 'Example',
      rpID,
      userName: 'alice',
      excludeCredentials: [{ id: credential.id }],
    });
    assert.throws(() => auth.createCredential(options, { origin }), { name: 'InvalidStateError' });
    const duplicate = auth.createCredential(options, {
      origin,
      tamper: {
        ignoreExcludeCredentials: true,
        credentialId: Buffer.from(credential.id, 'base64url'),
      },
    });
    assert.equal(duplicate.id, credential.id);

    const oversized = await register(auth, { tamper: { credentialId: Buffer.alloc(1024, 7) } });
    assert.equal(Buffer.from(oversized.response.id, 'base64url').length, 1024);
    assert.equal(
      Buffer.from(oversized.verification.registrationInfo!.credential.id, 'base64url').length,
      1024,
    );
  });

  it("counter: 'increment' counts up, 'zero' stays 0", async () => {
    const inc = createSoftwareAuthenticator({ signCounter: 'increment' });
    const { credential } = await registerCredential(inc);
    assert.equal(credential.counter, 0);
    for (const expected of [1, 2, 3]) {
      const { verification } = await login(inc, credential);
      assert.ok(verification.verified);
      assert.equal(verification.authenticationInfo.newCounter, expected);
      credential.counter = verification.authenticationInfo.newCounter;
    }
    assert.equal(inc.getCredential(credential.id)?.signCount, 3);

    const zero = createSoftwareAuthenticator({ signCounter: 'zero' });
    const z = await registerCredential(zero);
    for (let i = 0; i < 3; i++) {
      const { verification } = await login(zero, z.credential);
      assert.ok(verification.verified);
      assert.equal(verification.authenticationInfo.newCounter, 0);
    }
  });

  it('records createdAt / lastUsedAt from the injected clock', async () => {
    let now = 1_000;
    const auth = createSoftwareAuthenticator({ signCounter: 'zero', clock: () => now });
    const { credential } = await registerCredential(auth);
    now = 2_000;
    await login(auth, credential);
    const stored = auth.getCredential(credential.id)!;
    assert.equal(stored.createdAt, 1_000);
    assert.equal(stored.lastUsedAt, 2_000);
  });

  it('authenticator settings: no UV, not backup-eligible, cross-platform', async () => {
    const auth = createSoftwareAuthenticator({
      signCounter: 'increment',
      userVerification: false,
      backupEligible: false,
      authenticatorAttachment: 'cross-platform',
      transports: ['usb'],
    });
    await fails(() => register(auth), /user could not be verified/i);
    const { response, verification } = await register(auth, { requireUserVerification: false });
    assert.ok(verification.verified);
    assert.equal(verification.registrationInfo.userVerified, false);
    assert.equal(verification.registrationInfo.credentialDeviceType, 'singleDevice');
    assert.equal(verification.registrationInfo.credentialBackedUp, false);
    assert.equal(response.authenticatorAttachment, 'cross-platform');
    assert.deepEqual(response.response.transports, ['usb']);
  });

  describe('tamper knobs', () => {
    const setup = async (attestation: 'none' | 'packed-self' = 'none') => {
      const auth = createSoftwareAuthenticator({ signCounter: 'increment', attestation });
      const { credential, userId } = await registerCredential(auth);
      return { auth, credential, userId };
    };

    it('wrong RP ID hash', async () => {
      const { auth, credential } = await setup();
      await fails(() => register(auth, { tamper: { rpIdHashOf: 'evil.example' } }), /RP ID/i);
      await fails(
        () => login(auth, credential, { tamper: { rpIdHashOf: 'evil.example' } }),
        /RP ID/i,
      );
    });

    it('wrong origin', async () => {
      const { auth, credential } = await setup();
      const tamper = { clientData: { origin: 'https://evil.example' } };
      await fails(() => register(auth, { tamper }), /origin/i);
      await fails(() => login(auth, credential, { tamper }), /origin/i);
    });

    it('wrong challenge', async () => {
      const { auth, credential } = await setup();
      const tamper = { clientData: { challenge: randomBase64url() } };
      await fails(() => register(auth, { tamper }), /challenge/i);
      await fails(() => login(auth, credential, { tamper }), /challenge/i);
    });

    it('webauthn.create type in an assertion', async () => {
      const { auth, credential } = await setup();
      await fails(
        () => login(auth, credential, { tamper: { clientData: { type: 'webauthn.create' } } }),
        /type/i,
      );
    });

    it('UP flag cleared', async () => {
      const { auth, credential } = await setup();
      await fails(() => register(auth, { tamper: { flags: { up: false } } }), /user.*present/i);
      await fails(() => login(auth, credential, { tamper: { flags: { up: false } } }), /present/i);
    });

    it('UV flag cleared: rejected when required, visible otherwise', async () => {
      const { auth, credential } = await setup();
      await fails(() => login(auth, credential, { tamper: { flags: { uv: false } } }), /verif/i);
      const { response, verification } = await login(auth, credential, {
        tamper: { flags: { uv: false } },
        requireUserVerification: false,
      });
      assert.ok(verification.verified);
      assert.equal(verification.authenticationInfo.userVerified, false);
      assert.equal(authFlags(response) & FLAG.UV, 0);
    });

    it('BE / BS flags flipped: visible in the result, BS without BE rejected', async () => {
      const { auth, credential } = await setup();
      const noBe = await login(auth, credential, { tamper: { flags: { be: false, bs: false } } });
      assert.ok(noBe.verification.verified);
      assert.equal(noBe.verification.authenticationInfo.credentialDeviceType, 'singleDevice');
      const noBs = await login(auth, credential, { tamper: { flags: { bs: false } } });
      assert.equal(noBs.verification.authenticationInfo.credentialDeviceType, 'multiDevice');
      assert.equal(noBs.verification.authenticationInfo.credentialBackedUp, false);
      await fails(
        () => login(auth, credential, { tamper: { flags: { be: false } } }),
        /backed up/i,
      );

      const singleDevice = createSoftwareAuthenticator({
        signCounter: 'zero',
        backupEligible: false,
      });
      const s = await registerCredential(singleDevice);
      const turnedOn = await login(singleDevice, s.credential, { tamper: { flags: { be: true } } });
      assert.equal(turnedOn.verification.authenticationInfo.credentialDeviceType, 'multiDevice');
    });

    it('counter set explicitly and going backwards', async () => {
      const { auth, credential } = await setup();
      const jump = await login(auth, credential, { tamper: { signCount: 100 } });
      assert.equal(jump.verification.authenticationInfo.newCounter, 100);
      credential.counter = 100;
      // The stored counter was not changed by the tamper: the next one reports 2 < 100.
      await fails(() => login(auth, credential), /counter/i);
      await fails(() => login(auth, credential, { tamper: { signCount: 100 } }), /counter/i);
      auth.setSignCount(credential.id, 100);
      const next = await login(auth, credential);
      assert.equal(next.verification.authenticationInfo.newCounter, 101);
    });

    it('wrong or missing userHandle', async () => {
      const { auth, credential, userId } = await setup();
      const other = randomBase64url(16);
      const wrong = await login(auth, credential, { tamper: { userHandle: other } });
      // @simplewebauthn leaves this check to the application: the response carries it.
      assert.equal(wrong.response.response.userHandle, other);
      assert.notEqual(wrong.response.response.userHandle, userId);
      const missing = await login(auth, credential, { tamper: { userHandle: null } });
      assert.equal('userHandle' in missing.response.response, false);
    });

    it('another credential ID in the response', async () => {
      const { auth, credential } = await setup();
      const bob = await registerCredential(auth, 'bob');
      // Signed by alice's key but claims to be bob's credential: bob's key rejects it.
      await fails(
        () =>
          login(auth, bob.credential, {
            credentialId: credential.id,
            discoverable: true,
            tamper: { responseCredentialId: bob.credential.id },
          }),
        'unverified',
      );
    });

    it('corrupt signature (assertion and packed attestation, every algorithm)', async () => {
      for (const algorithm of ['ES256', 'EdDSA', 'RS256'] as SoftwareAlgorithm[]) {
        const auth = createSoftwareAuthenticator({
          signCounter: 'increment',
          algorithm,
          attestation: 'packed-self',
        });
        await fails(() => register(auth, { tamper: { corruptSignature: true } }), 'unverified');
        const { credential } = await registerCredential(auth);
        await fails(
          () => login(auth, credential, { tamper: { corruptSignature: true } }),
          'unverified',
        );
      }
    });

    it('extra and crossOrigin client data members pass through', async () => {
      const { auth, credential } = await setup();
      const { response, verification } = await login(auth, credential, {
        tamper: { clientData: { crossOrigin: true, topOrigin: 'https://evil.example', x: 1 } },
      });
      // @simplewebauthn does not check these; the engine must.
      assert.ok(verification.verified);
      assert.deepEqual(clientData(response), {
        type: 'webauthn.get',
        challenge: clientData(response).challenge,
        origin,
        crossOrigin: true,
        topOrigin: 'https://evil.example',
        x: 1,
      });
    });
  });
});
