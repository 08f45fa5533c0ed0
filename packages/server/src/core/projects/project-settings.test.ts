import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { LatchkeyError } from '../errors.js';
import {
  isWebOrigin,
  validateAllowedOrigin,
  validateOrigin,
  validateRpId,
} from './project-settings.js';

const certificateHash = createHash('sha256').update('signing certificate').digest('base64url');
const androidOrigin = `android:apk-key-hash:${certificateHash}`;

function assertBadField(run: () => unknown, field: string, label: string): void {
  assert.throws(
    run,
    (error: unknown) =>
      error instanceof LatchkeyError &&
      error.code === 'VALIDATION_FAILED' &&
      error.validation[0]?.field === field,
    label,
  );
}

describe('validateAllowedOrigin', () => {
  test('web origins are checked as by validateOrigin', () => {
    assert.equal(validateAllowedOrigin('origins[0]', 'https://app.example'), 'https://app.example');
    assert.equal(
      validateAllowedOrigin('origins[0]', 'http://localhost:8080'),
      'http://localhost:8080',
    );
    assertBadField(
      () => validateAllowedOrigin('origins[0]', 'https://app.example/'),
      'origins[0]',
      'slash',
    );
  });

  test('an Android app origin with a base64url SHA-256 certificate hash is accepted', () => {
    assert.equal(certificateHash.length, 43);
    assert.equal(validateAllowedOrigin('origins[1]', androidOrigin), androidOrigin);
  });

  test('malformed Android origins are refused, naming the field', () => {
    const bad = [
      'android:apk-key-hash:',
      `android:apk-key-hash:${certificateHash}=`,
      `android:apk-key-hash:${certificateHash.slice(1)}`,
      `android:apk-key-hash:${certificateHash}A`,
      // Standard base64 alphabet instead of base64url.
      `android:apk-key-hash:${certificateHash.slice(0, 41)}+/`.slice(0, 64),
      // 43 characters whose last one carries bits beyond the 32 bytes.
      `android:apk-key-hash:${'A'.repeat(42)}B`,
      `android:apk-key-hash:${Buffer.alloc(32, 1).toString('hex').slice(0, 43)}:`,
      `android:apk-key-hash:${certificateHash} `,
      'android:com.example.app',
      `ios:bundle-id:com.example.app`,
    ];
    for (const value of bad) {
      assertBadField(() => validateAllowedOrigin('origins[2]', value), 'origins[2]', value);
    }
  });

  test('validateOrigin itself still takes web origins only', () => {
    assertBadField(
      () => validateOrigin('frontendApiUrl', androidOrigin),
      'frontendApiUrl',
      androidOrigin,
    );
  });

  test('isWebOrigin tells web origins from app origins', () => {
    assert.equal(isWebOrigin('https://a.example'), true);
    assert.equal(isWebOrigin('http://localhost:8080'), true);
    assert.equal(isWebOrigin(androidOrigin), false);
  });
});

describe('validateRpId', () => {
  test('web origins must sit on the RP ID; Android origins are not checked', () => {
    assert.equal(
      validateRpId('Example.com', ['https://login.example.com', androidOrigin]),
      'example.com',
    );
    assertBadField(
      () => validateRpId('example.com', ['https://example.org']),
      'rpId',
      'off-domain',
    );
  });

  test('an origin off the RP ID is accepted when it is a related origin', () => {
    const origins = ['https://example.com', 'https://example.de'];
    assertBadField(() => validateRpId('example.com', origins), 'rpId', 'not related');
    assert.equal(validateRpId('example.com', origins, ['https://example.de']), 'example.com');
  });

  test('the RP ID must be a domain name', () => {
    for (const bad of [
      'https://example.com',
      'example.com:443',
      'example.com/x',
      '',
      'exa mple.com',
    ]) {
      assertBadField(() => validateRpId(bad, []), 'rpId', bad);
    }
  });
});
