// Published WebAuthn data fed through the engine's verifiers (test/fixtures/webauthn, see the README
// there): the WebAuthn Level 3 specification's test vectors (w3c-*.json), where each registration
// must verify with the spec's challenge and yield the credential the spec describes and each
// assertion must verify with the public key that registration produced; and registrations captured
// from real authenticators by SimpleWebAuthn's test suite (simplewebauthn-*.json). In both, the
// usual forgeries must be refused.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { cose, decodeCredentialPublicKey, isoCBOR } from '@simplewebauthn/server/helpers';
import { LatchkeyError } from '../../src/core/errors.js';
import {
  defaultWebauthnSettings,
  type RelyingParty,
} from '../../src/core/passkeys/relying-party.js';
import {
  maxCredentialIdBytes,
  parseAuthenticationResponse,
  parseRegistrationResponse,
} from '../../src/core/passkeys/webauthn/credential-response.js';
import { verifyAuthentication } from '../../src/core/passkeys/webauthn/verify-authentication.js';
import {
  type VerifiedRegistration,
  verifyRegistration,
} from '../../src/core/passkeys/webauthn/verify-registration.js';

interface CeremonyFlags {
  signCount: number;
  userPresent: boolean;
  userVerified: boolean;
  backupEligible: boolean;
  backupState: boolean;
}

interface Vector {
  name: string;
  source: { title: string; url: string };
  rpId: string;
  origin: string;
  registration: { challenge: string; response: RegistrationResponseJSON };
  authentication: { challenge: string; response: AuthenticationResponseJSON };
  expected: {
    credentialId: string;
    credentialIdBytes: number;
    aaguid: string;
    algorithm: number;
    fmt: string;
    attestationCertificates: number;
    crossOrigin: boolean;
    topOrigin: string | null;
    registration: CeremonyFlags;
    authentication: CeremonyFlags;
  };
  attestationRootCertificate?: string;
}

const fixtures = new URL('../fixtures/webauthn/', import.meta.url);
const vectors: Vector[] = readdirSync(fixtures)
  .filter((file) => file.startsWith('w3c-') && file.endsWith('.json'))
  .map((file) => JSON.parse(readFileSync(new URL(file, fixtures), 'utf8')) as Vector)
  .sort((a, b) => a.name.localeCompare(b.name));

/** The relying party of the vectors (RP ID example.org, origin https://example.org). */
function relyingPartyFor(vector: Vector, overrides: Partial<RelyingParty> = {}): RelyingParty {
  return {
    ...defaultWebauthnSettings,
    projectId: 'pro-1',
    id: vector.rpId,
    name: 'Example',
    origins: [vector.origin],
    algorithms: [-7, -8, -257, -35, -36, -37, -38, -39, -258, -259],
    userVerification: 'preferred',
    ...overrides,
  };
}

/** The policy a vector needs to pass: cross-origin vectors need cross-origin ceremonies allowed. */
function acceptingRelyingParty(
  vector: Vector,
  overrides: Partial<RelyingParty> = {},
): RelyingParty {
  return relyingPartyFor(vector, {
    allowCrossOrigin: vector.expected.crossOrigin,
    allowedTopOrigins: vector.expected.topOrigin === null ? [] : [vector.expected.topOrigin],
    ...overrides,
  });
}

/** The responses as the engine receives them: parsed from the JSON strings of the wire format. */
function registrationResponse(vector: Vector): RegistrationResponseJSON {
  return parseRegistrationResponse(JSON.stringify(vector.registration.response));
}

function authenticationResponse(vector: Vector): AuthenticationResponseJSON {
  return parseAuthenticationResponse(JSON.stringify(vector.authentication.response));
}

async function register(
  vector: Vector,
  rp = acceptingRelyingParty(vector),
): Promise<VerifiedRegistration> {
  return verifyRegistration(rp, {
    response: registrationResponse(vector),
    expectedChallenge: vector.registration.challenge,
  });
}

function authenticate(
  vector: Vector,
  registered: Pick<VerifiedRegistration, 'credentialId' | 'publicKey'>,
  rp = acceptingRelyingParty(vector),
  response = authenticationResponse(vector),
  expectedChallenge = vector.authentication.challenge,
) {
  return verifyAuthentication(rp, {
    response,
    expectedChallenge,
    credential: {
      credentialId: registered.credentialId,
      publicKey: registered.publicKey,
      transports: [],
    },
  });
}

async function assertRefused(promise: Promise<unknown>, field: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof LatchkeyError, `expected a LatchkeyError, got ${String(error)}`);
    assert.equal(error.code, 'WEBAUTHN_VERIFICATION_FAILED');
    assert.equal(error.validation[0]?.field, field);
    return true;
  });
}

/** A copy of a base64url byte string with the last byte's bits inverted. */
function withLastByteFlipped(base64url: string): string {
  const bytes = Buffer.from(base64url, 'base64url');
  bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
  return bytes.toString('base64url');
}

/** Re-encodes an attestation object after changing its attestation statement. */
function withAttestationStatement(
  attestationObject: string,
  change: (attStmt: Map<string, unknown>) => void,
): string {
  const decoded = isoCBOR.decodeFirst<Map<string, unknown>>(
    Buffer.from(attestationObject, 'base64url'),
  );
  change(decoded.get('attStmt') as Map<string, unknown>);
  return Buffer.from(isoCBOR.encode(decoded as Parameters<typeof isoCBOR.encode>[0])).toString(
    'base64url',
  );
}

function attestationStatementOf(attestationObject: string): Map<string, unknown> {
  const decoded = isoCBOR.decodeFirst<Map<string, unknown>>(
    Buffer.from(attestationObject, 'base64url'),
  );
  return decoded.get('attStmt') as Map<string, unknown>;
}

test('the W3C fixtures are exactly what build-w3c-fixtures.mjs makes from the spec excerpt', () => {
  // The script re-derives every HKDF-derived value of the excerpt and cross-checks challenges,
  // AAGUIDs, credential IDs, flags and private keys before comparing the JSON files.
  const script = new URL('build-w3c-fixtures.mjs', fixtures);
  const output = execFileSync(process.execPath, [script.pathname, '--check'], { encoding: 'utf8' });
  assert.match(output, /^checked 10 fixtures/);
});

test('the fixtures hold every vector the engine can verify', () => {
  assert.deepEqual(
    vectors.map((vector) => vector.name),
    [
      'none-es256',
      'none-es256-cross-origin',
      'none-es256-long-credential-id',
      'none-es256-top-origin',
      'packed-eddsa',
      'packed-es256',
      'packed-es384',
      'packed-es512',
      'packed-rs256',
      'packed-self-es256',
    ],
  );
});

for (const vector of vectors) {
  describe(`W3C test vector ${vector.name} (${vector.source.title})`, () => {
    const { expected } = vector;

    test('the registration verifies and yields the credential the spec describes', async () => {
      const registered = await register(vector);
      assert.equal(registered.credentialId, expected.credentialId);
      assert.equal(
        Buffer.from(registered.credentialId, 'base64url').length,
        expected.credentialIdBytes,
      );
      assert.equal(registered.aaguid, expected.aaguid);
      assert.equal(registered.algorithm, expected.algorithm);
      assert.equal(registered.attestationType, expected.fmt);
      assert.equal(registered.signCount, expected.registration.signCount);
      assert.equal(registered.userVerified, expected.registration.userVerified);
      assert.equal(registered.backupEligible, expected.registration.backupEligible);
      assert.equal(registered.backupState, expected.registration.backupState);
      assert.deepEqual(registered.transports, []);
      assert.equal(registered.authenticatorAttachment, null);
      const coseKey = decodeCredentialPublicKey(Buffer.from(registered.publicKey, 'base64url'));
      assert.equal(coseKey.get(cose.COSEKEYS.alg), expected.algorithm);
    });

    test('the assertion verifies with the public key from the registration', async () => {
      const registered = await register(vector);
      const verified = await authenticate(vector, registered);
      assert.deepEqual(verified, {
        signCount: expected.authentication.signCount,
        backupEligible: expected.authentication.backupEligible,
        backupState: expected.authentication.backupState,
        userVerified: expected.authentication.userVerified,
      });
      // The backup-eligible flag is a property of the credential (WebAuthn §6.1.3): it matches.
      assert.equal(verified.backupEligible, registered.backupEligible);
    });

    test('another challenge is refused', async () => {
      const registered = await register(vector);
      await assertRefused(
        verifyRegistration(acceptingRelyingParty(vector), {
          response: registrationResponse(vector),
          expectedChallenge: vector.authentication.challenge,
        }),
        'attestationResponse',
      );
      await assertRefused(
        authenticate(vector, registered, undefined, undefined, vector.registration.challenge),
        'assertionResponse',
      );
    });

    test('an origin the project does not list is refused', async () => {
      const registered = await register(vector);
      const elsewhere = acceptingRelyingParty(vector, { origins: ['https://example.com'] });
      await assertRefused(register(vector, elsewhere), 'attestationResponse');
      await assertRefused(authenticate(vector, registered, elsewhere), 'assertionResponse');
    });

    test('another RP ID is refused (the RP ID hash does not match)', async () => {
      const registered = await register(vector);
      const otherRpId = acceptingRelyingParty(vector, { id: 'example.com' });
      await assertRefused(register(vector, otherRpId), 'attestationResponse');
      await assertRefused(authenticate(vector, registered, otherRpId), 'assertionResponse');
    });

    test('a tampered assertion is refused: flipped signature byte, changed flags', async () => {
      const registered = await register(vector);
      const response = authenticationResponse(vector);
      const flippedSignature = structuredClone(response);
      flippedSignature.response.signature = withLastByteFlipped(response.response.signature);
      await assertRefused(
        authenticate(vector, registered, undefined, flippedSignature),
        'assertionResponse',
      );

      // Claiming user verification the authenticator did not sign for (or denying one it did).
      const authData = Buffer.from(response.response.authenticatorData, 'base64url');
      authData[32] = (authData[32] ?? 0) ^ 0x04;
      const changedFlags = structuredClone(response);
      changedFlags.response.authenticatorData = authData.toString('base64url');
      await assertRefused(
        authenticate(vector, registered, undefined, changedFlags),
        'assertionResponse',
      );
    });

    test('an assertion checked against another credential public key is refused', async () => {
      const other = vectors.find((candidate) => candidate.name !== vector.name) as Vector;
      const otherRegistration = await register(other);
      await assertRefused(
        authenticate(vector, {
          credentialId: expected.credentialId,
          publicKey: otherRegistration.publicKey,
        }),
        'assertionResponse',
      );
    });

    test('user verification is enforced only when the project requires it', async () => {
      const strict = acceptingRelyingParty(vector, { userVerification: 'required' });
      if (expected.registration.userVerified) {
        assert.equal((await register(vector, strict)).userVerified, true);
      } else {
        await assertRefused(register(vector, strict), 'attestationResponse');
      }
      const registered = await register(vector);
      if (expected.authentication.userVerified) {
        assert.equal((await authenticate(vector, registered, strict)).userVerified, true);
      } else {
        await assertRefused(authenticate(vector, registered, strict), 'assertionResponse');
      }
    });

    if (expected.fmt === 'packed') {
      test('a flipped attestation signature byte is refused', async () => {
        const response = registrationResponse(vector);
        response.response.attestationObject = withAttestationStatement(
          response.response.attestationObject,
          (attStmt) => {
            const sig = Buffer.from(attStmt.get('sig') as Uint8Array);
            sig[sig.length - 1] = (sig[sig.length - 1] ?? 0) ^ 0xff;
            attStmt.set('sig', new Uint8Array(sig));
          },
        );
        await assertRefused(
          verifyRegistration(acceptingRelyingParty(vector), {
            response,
            expectedChallenge: vector.registration.challenge,
          }),
          'attestationResponse',
        );
      });
    }

    if (expected.crossOrigin) {
      test('crossOrigin: true is refused unless the project allows cross-origin ceremonies', async () => {
        const sameOriginOnly = relyingPartyFor(vector);
        assert.equal(sameOriginOnly.allowCrossOrigin, false);
        await assertRefused(register(vector, sameOriginOnly), 'attestationResponse');
        const registered = await register(vector);
        await assertRefused(authenticate(vector, registered, sameOriginOnly), 'assertionResponse');
      });
    }

    if (expected.topOrigin !== null) {
      const topOrigin = expected.topOrigin;
      test(`topOrigin ${topOrigin} is refused unless it is an allowed top origin`, async () => {
        const otherTop = acceptingRelyingParty(vector, {
          allowedTopOrigins: ['https://example.net'],
        });
        await assertRefused(register(vector, otherTop), 'attestationResponse');
        const registered = await register(vector);
        await assertRefused(authenticate(vector, registered, otherTop), 'assertionResponse');
        assert.equal((await register(vector)).credentialId, expected.credentialId);
      });
    }
  });
}

describe('W3C test vectors: attestation certificates (packed with x5c)', () => {
  const attested = vectors.filter((vector) => vector.expected.attestationCertificates > 0);

  test('five vectors carry an x5c chain of one certificate', () => {
    assert.deepEqual(
      attested.map((vector) => vector.name),
      ['packed-eddsa', 'packed-es256', 'packed-es384', 'packed-es512', 'packed-rs256'],
    );
  });

  for (const vector of attested) {
    test(`${vector.name}: the attestation certificate chains to the spec's attestation root`, () => {
      const root = new X509Certificate(
        Buffer.from(vector.attestationRootCertificate ?? '', 'base64'),
      );
      const x5c = attestationStatementOf(
        vector.registration.response.response.attestationObject,
      ).get('x5c') as Uint8Array[];
      assert.equal(x5c.length, 1);
      const leaf = new X509Certificate(Buffer.from(x5c[0] as Uint8Array));
      assert.equal(root.ca, true);
      assert.equal(leaf.ca, false);
      assert.ok(leaf.checkIssued(root), 'the leaf names the root as its issuer');
      assert.ok(leaf.verify(root.publicKey), 'the root signed the leaf');
      assert.ok(root.verify(root.publicKey), 'the root is self-signed');
      assert.match(leaf.subject, /OU=Authenticator Attestation/);
    });

    test(`${vector.name}: an attestation signed by another attestation key is refused`, async () => {
      const other = attested.find((candidate) => candidate.name !== vector.name) as Vector;
      const otherCert = attestationStatementOf(
        other.registration.response.response.attestationObject,
      ).get('x5c') as Uint8Array[];
      const response = registrationResponse(vector);
      response.response.attestationObject = withAttestationStatement(
        response.response.attestationObject,
        (attStmt) => attStmt.set('x5c', otherCert),
      );
      await assertRefused(
        verifyRegistration(acceptingRelyingParty(vector), {
          response,
          expectedChallenge: vector.registration.challenge,
        }),
        'attestationResponse',
      );
    });
  }
});

test('the long-credential-ID vector sits exactly at the 1023-byte limit the engine allows', async () => {
  const vector = vectors.find(
    (candidate) => candidate.name === 'none-es256-long-credential-id',
  ) as Vector;
  assert.equal(vector.expected.credentialIdBytes, maxCredentialIdBytes);
  const registered = await register(vector);
  assert.equal(Buffer.from(registered.credentialId, 'base64url').length, 1023);
  await authenticate(vector, registered);
});

interface Capture {
  name: string;
  description: string;
  rpId: string;
  origin: string;
  registration: { challenge: string; response: RegistrationResponseJSON };
  expected: {
    credentialId: string;
    publicKey: string;
    aaguid: string;
    algorithm: number;
    fmt: string;
    signCount: number;
    userVerified: boolean;
    backupEligible: boolean;
    backupState: boolean;
  };
}

const captures: Capture[] = readdirSync(fixtures)
  .filter((file) => file.startsWith('simplewebauthn-') && file.endsWith('.json'))
  .map((file) => JSON.parse(readFileSync(new URL(file, fixtures), 'utf8')) as Capture)
  .sort((a, b) => a.name.localeCompare(b.name));

function captureRelyingParty(
  capture: Capture,
  overrides: Partial<RelyingParty> = {},
): RelyingParty {
  return relyingPartyFor(capture as unknown as Vector, overrides);
}

function registerCapture(
  capture: Capture,
  rp = captureRelyingParty(capture),
  response?: RegistrationResponseJSON,
) {
  return verifyRegistration(rp, {
    response: response ?? parseRegistrationResponse(JSON.stringify(capture.registration.response)),
    expectedChallenge: capture.registration.challenge,
  });
}

test('the real-authenticator captures cover U2F, packed (self and x5c) and none, web and app origins', () => {
  assert.deepEqual(
    captures.map(
      (capture) => `${capture.name}: ${capture.expected.fmt} ${capture.expected.algorithm}`,
    ),
    [
      'fido-u2f-yubikey: fido-u2f -7',
      'none-android-app: none -7',
      'none-firefox-android: none -7',
      'none-rsa-windows-hello: none -257',
      'packed-self-ec2: packed -7',
      'packed-x5c-yubikey: packed -7',
    ],
  );
});

for (const capture of captures) {
  describe(`real authenticator capture ${capture.name} (${capture.description})`, () => {
    const { expected } = capture;

    test('the registration verifies and yields the credential the source describes', async () => {
      const registered = await registerCapture(capture);
      assert.deepEqual(
        {
          credentialId: registered.credentialId,
          publicKey: registered.publicKey,
          aaguid: registered.aaguid,
          algorithm: registered.algorithm,
          fmt: registered.attestationType,
          signCount: registered.signCount,
          userVerified: registered.userVerified,
          backupEligible: registered.backupEligible,
          backupState: registered.backupState,
        },
        expected,
      );
    });

    test('another challenge, an unlisted origin and another RP ID are refused', async () => {
      await assert.doesNotReject(registerCapture(capture));
      await assertRefused(
        verifyRegistration(captureRelyingParty(capture), {
          response: parseRegistrationResponse(JSON.stringify(capture.registration.response)),
          expectedChallenge: Buffer.from('another challenge').toString('base64url'),
        }),
        'attestationResponse',
      );
      await assertRefused(
        registerCapture(
          capture,
          captureRelyingParty(capture, { origins: ['https://example.org'] }),
        ),
        'attestationResponse',
      );
      await assertRefused(
        registerCapture(capture, captureRelyingParty(capture, { id: 'example.org' })),
        'attestationResponse',
      );
    });

    test('user verification is enforced only when the project requires it', async () => {
      const strict = captureRelyingParty(capture, { userVerification: 'required' });
      if (expected.userVerified) {
        assert.equal((await registerCapture(capture, strict)).userVerified, true);
      } else {
        await assertRefused(registerCapture(capture, strict), 'attestationResponse');
      }
    });

    if (expected.fmt !== 'none') {
      test('a flipped attestation signature byte is refused', async () => {
        const response = parseRegistrationResponse(JSON.stringify(capture.registration.response));
        response.response.attestationObject = withAttestationStatement(
          response.response.attestationObject,
          (attStmt) => {
            const sig = Buffer.from(attStmt.get('sig') as Uint8Array);
            sig[sig.length - 1] = (sig[sig.length - 1] ?? 0) ^ 0xff;
            attStmt.set('sig', new Uint8Array(sig));
          },
        );
        await assertRefused(registerCapture(capture, undefined, response), 'attestationResponse');
      });
    }
  });
}
