import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { supportedCOSEAlgorithmIdentifiers } from '@simplewebauthn/server';
import { LatchkeyError } from '../errors.js';
import { defaultWebauthnSettings } from './relying-party.js';
import {
  algorithmName,
  coseAlgorithms,
  supportedAlgorithms,
  validateWebauthnSettings,
} from './webauthn-settings.js';

/** Asserts that validating `input` fails with VALIDATION_FAILED on exactly `field`. */
function assertBadField(input: unknown, field: string, prefix?: string): void {
  assert.throws(
    () => validateWebauthnSettings(input, prefix),
    (error: unknown) => {
      assert.ok(error instanceof LatchkeyError, String(error));
      assert.equal(error.code, 'VALIDATION_FAILED');
      assert.deepEqual(
        error.validation.map((problem) => problem.field),
        [field],
        `${JSON.stringify(input)}: ${error.message}`,
      );
      return true;
    },
    JSON.stringify(input),
  );
}

describe('validateWebauthnSettings', () => {
  test('absent and undefined members are left out; an empty object is valid', () => {
    assert.deepEqual(validateWebauthnSettings({}), {});
    assert.deepEqual(validateWebauthnSettings({ userVerification: undefined }), {});
  });

  test('the defaults themselves pass unchanged', () => {
    assert.deepEqual(validateWebauthnSettings(defaultWebauthnSettings), defaultWebauthnSettings);
  });

  test('a full set of valid settings comes back in canonical form', () => {
    assert.deepEqual(
      validateWebauthnSettings({
        userVerification: 'required',
        attestation: 'direct',
        residentKey: 'preferred',
        authenticatorAttachment: 'cross-platform',
        algorithms: ['es256', 'EdDSA', -257, ' PS256 ', '-36'],
        timeoutMs: 30_000,
        allowCrossOrigin: true,
        allowedTopOrigins: ['https://portal.example', 'https://portal.example'],
        relatedOrigins: ['https://shop.example.de', 'http://localhost:3000'],
      }),
      {
        userVerification: 'required',
        attestation: 'direct',
        residentKey: 'preferred',
        authenticatorAttachment: 'cross-platform',
        algorithms: [-7, -8, -257, -37, -36],
        timeoutMs: 30_000,
        allowCrossOrigin: true,
        allowedTopOrigins: ['https://portal.example'],
        relatedOrigins: ['https://shop.example.de', 'http://localhost:3000'],
      },
    );
  });

  test('null authenticator attachment means any authenticator', () => {
    assert.deepEqual(validateWebauthnSettings({ authenticatorAttachment: null }), {
      authenticatorAttachment: null,
    });
  });

  test('each bad value names its field', () => {
    const cases: [unknown, string][] = [
      [{ userVerification: 'always' }, 'webauthn.userVerification'],
      [{ userVerification: null }, 'webauthn.userVerification'],
      [{ attestation: 'self' }, 'webauthn.attestation'],
      [{ residentKey: true }, 'webauthn.residentKey'],
      [{ authenticatorAttachment: 'any' }, 'webauthn.authenticatorAttachment'],
      [{ algorithms: [] }, 'webauthn.algorithms'],
      [{ algorithms: 'ES256' }, 'webauthn.algorithms'],
      [{ algorithms: [-7, -7] }, 'webauthn.algorithms[1]'],
      [{ algorithms: ['ES256', -7] }, 'webauthn.algorithms[1]'],
      [{ algorithms: [-7, 'HS256'] }, 'webauthn.algorithms[1]'],
      [{ algorithms: [-65535] }, 'webauthn.algorithms[0]'],
      [{ algorithms: [-7.5] }, 'webauthn.algorithms[0]'],
      [{ algorithms: [null] }, 'webauthn.algorithms[0]'],
      [{ timeoutMs: 29_999 }, 'webauthn.timeoutMs'],
      [{ timeoutMs: 600_001 }, 'webauthn.timeoutMs'],
      [{ timeoutMs: 60_000.5 }, 'webauthn.timeoutMs'],
      [{ timeoutMs: '60000' }, 'webauthn.timeoutMs'],
      [{ allowCrossOrigin: 'yes' }, 'webauthn.allowCrossOrigin'],
      [{ allowedTopOrigins: 'https://a.example' }, 'webauthn.allowedTopOrigins'],
      [{ allowedTopOrigins: ['https://a.example/'] }, 'webauthn.allowedTopOrigins[0]'],
      [{ relatedOrigins: ['https://a.example', 'ftp://b.example'] }, 'webauthn.relatedOrigins[1]'],
      [{ relatedOrigins: [42] }, 'webauthn.relatedOrigins[0]'],
      [
        { relatedOrigins: ['android:apk-key-hash:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'] },
        'webauthn.relatedOrigins[0]',
      ],
      [
        { relatedOrigins: Array.from({ length: 21 }, (_, i) => `https://s${i}.example`) },
        'webauthn.relatedOrigins',
      ],
      [{ rpId: 'example.com' }, 'webauthn.rpId'],
      [null, 'webauthn'],
      [['userVerification'], 'webauthn'],
    ];
    for (const [input, field] of cases) assertBadField(input, field);
  });

  test('the prefix names the fields; an empty prefix leaves the bare names', () => {
    assertBadField({ timeoutMs: 1 }, 'settings.timeoutMs', 'settings');
    assertBadField({ timeoutMs: 1 }, 'timeoutMs', '');
  });

  test('twenty related origins are accepted', () => {
    const origins = Array.from({ length: 20 }, (_, i) => `https://s${i}.example`);
    assert.deepEqual(validateWebauthnSettings({ relatedOrigins: origins }).relatedOrigins, origins);
  });
});

describe('supportedAlgorithms', () => {
  test('only algorithms @simplewebauthn/server verifies, never SHA-1', () => {
    for (const id of supportedAlgorithms) {
      assert.ok(supportedCOSEAlgorithmIdentifiers.includes(id), `${id} is not supported`);
    }
    assert.ok(!supportedAlgorithms.includes(-65535));
    for (const id of defaultWebauthnSettings.algorithms) {
      assert.ok(supportedAlgorithms.includes(id), `default ${id} is not supported`);
    }
  });

  test('ES384 is offered exactly when the library lists it', () => {
    assert.equal(
      supportedAlgorithms.includes(coseAlgorithms.ES384 as number),
      supportedCOSEAlgorithmIdentifiers.includes(-35),
    );
  });

  test('names round-trip', () => {
    assert.equal(algorithmName(-7), 'ES256');
    assert.equal(algorithmName(-8), 'EdDSA');
    assert.equal(algorithmName(-257), 'RS256');
    assert.equal(algorithmName(-999), '-999');
  });
});
