import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LatchkeyError } from '../errors.js';
import { cryptoRandom, type Random } from '../random.js';
import {
  challengeLink,
  newChallengeSecret,
  resolveChallengeLifetime,
  validateChallengeMetadata,
} from './challenge-fields.js';

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof LatchkeyError);
    return error.validation[0]?.field;
  }
  assert.fail('expected a LatchkeyError');
}

test('OTPs are six digits and may start with zero', () => {
  const zeros: Random = {
    base62: () => '',
    digits: (n) => `1${'0'.repeat(n - 1)}`,
    bytes: (n) => Buffer.alloc(n),
  };
  assert.equal(newChallengeSecret('email_otp', zeros), '000000');
  assert.equal(newChallengeSecret('sms_otp', zeros), '000000');
});

test('OTP digits are uniform in every position (chi-squared over 20 000 codes)', () => {
  const counts = Array.from({ length: 6 }, () => new Array<number>(10).fill(0));
  const total = 20_000;
  for (let i = 0; i < total; i++) {
    const code = newChallengeSecret('email_otp', cryptoRandom);
    assert.match(code, /^\d{6}$/);
    for (let position = 0; position < 6; position++) {
      const row = counts[position] as number[];
      const digit = Number(code[position]);
      row[digit] = (row[digit] ?? 0) + 1;
    }
  }
  const expected = total / 10;
  for (const row of counts) {
    const chiSquared = row.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
    // 9 degrees of freedom: 27.9 is the 99.9th percentile.
    assert.ok(chiSquared < 27.9, `digit counts ${row.join(',')} (χ² ${chiSquared.toFixed(1)})`);
  }
});

test('link tokens are 40 base62 characters', () => {
  const token = newChallengeSecret('email_link', cryptoRandom);
  assert.match(token, /^[0-9A-Za-z]{40}$/);
  assert.notEqual(token, newChallengeSecret('email_link', cryptoRandom));
});

test('links keep the base URL, its query and fragment, and add challengeID and code', () => {
  assert.equal(
    challengeLink('https://app.example.com/verify?from=mail&code=old#x', 'cha-1', 'Abc123'),
    'https://app.example.com/verify?from=mail&code=Abc123&challengeID=cha-1#x',
  );
  assert.equal(
    challengeLink('https://auth.example.com', 'cha-2', 'Z'),
    'https://auth.example.com/?challengeID=cha-2&code=Z',
  );
});

test('lifetimes: defaults per type, clamped to an hour, positive whole seconds only', () => {
  assert.equal(resolveChallengeLifetime('email_otp', undefined), 300);
  assert.equal(resolveChallengeLifetime('sms_otp', null), 300);
  assert.equal(resolveChallengeLifetime('email_link', undefined), 900);
  assert.equal(resolveChallengeLifetime('email_otp', 30), 30);
  assert.equal(resolveChallengeLifetime('email_link', 7200), 3600);
  for (const value of [0, -1, 1.5, '60', Number.NaN]) {
    assert.equal(
      fieldOf(() => resolveChallengeLifetime('email_otp', value)),
      'lifetimeSeconds',
    );
  }
});

test('metadata: an object of at most 4 KiB; locale must be a language tag', () => {
  assert.deepEqual(validateChallengeMetadata(undefined), {});
  assert.deepEqual(validateChallengeMetadata({ city: 'Munich', locale: 'de-AT' }), {
    city: 'Munich',
    locale: 'de-AT',
  });
  assert.equal(
    fieldOf(() => validateChallengeMetadata([])),
    'challengeMetadata',
  );
  assert.equal(
    fieldOf(() => validateChallengeMetadata('x')),
    'challengeMetadata',
  );
  assert.equal(
    fieldOf(() => validateChallengeMetadata({ big: 'é'.repeat(2100) })),
    'challengeMetadata',
  );
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  assert.equal(
    fieldOf(() => validateChallengeMetadata(cyclic)),
    'challengeMetadata',
  );
  for (const locale of [5, '', 'e', 'english-language-tag-that-is-way-too-long-x', 'de/../en']) {
    assert.equal(
      fieldOf(() => validateChallengeMetadata({ locale })),
      'challengeMetadata.locale',
    );
  }
});
