import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isLatchkeyError } from '../errors.js';
import {
  normaliseEmail,
  normaliseIdentifierFilterValue,
  normalisePhone,
  normaliseUsername,
} from './identifier-values.js';

function assertRejected(run: () => unknown, label: string): void {
  assert.throws(
    run,
    (error) =>
      isLatchkeyError(error) &&
      error.code === 'VALIDATION_FAILED' &&
      error.validation[0]?.field === 'value',
    label,
  );
}

describe('normaliseEmail', () => {
  test('trims, lower-cases and keeps valid addresses', () => {
    const cases: [string, string][] = [
      ['jane@doe.com', 'jane@doe.com'],
      ['  Jane.Doe@Example.COM \t', 'jane.doe@example.com'],
      ['first+tag@sub.example.co.uk', 'first+tag@sub.example.co.uk'],
      ["o'brien_x-y!#$%&*=?^`{|}~/@example.org", "o'brien_x-y!#$%&*=?^`{|}~/@example.org"],
      ['user@xn--bcher-kva.example', 'user@xn--bcher-kva.example'],
      ['Jörg@Bücher.de', 'jörg@bücher.de'],
      ['a@b.co', 'a@b.co'],
      [`${'l'.repeat(64)}@example.com`, `${'l'.repeat(64)}@example.com`],
    ];
    for (const [input, expected] of cases) assert.equal(normaliseEmail('value', input), expected);
  });

  test('NFC-normalises, so composed and decomposed forms are one address', () => {
    assert.equal(
      normaliseEmail('value', 'Zoe\u0308@example.com'),
      normaliseEmail('value', 'Zo\u00eb@example.com'),
    );
  });

  test('rejects what is not a practical address', () => {
    const domain = `${'d'.repeat(60)}.${'e'.repeat(60)}.${'f'.repeat(60)}.${'g'.repeat(60)}.com`;
    const cases = [
      '',
      '   ',
      'plainaddress',
      '@example.com',
      'jane@',
      'jane@@example.com',
      'jane@doe@example.com',
      'jane@localhost',
      'jane@example',
      'jane@example.123',
      'jane@192.168.0.1',
      'jane@[192.168.0.1]',
      'jane doe@example.com',
      'jane@exa mple.com',
      'jane\u0000@example.com',
      'jane\n@example.com',
      'jane@example.com\u0007',
      '.jane@example.com',
      'jane.@example.com',
      'ja..ne@example.com',
      '"jane doe"@example.com',
      'jane(comment)@example.com',
      'jane@-example.com',
      'jane@example-.com',
      'jane@example..com',
      'jane@.example.com',
      'jane@example.com.',
      'jane@exam_ple.com',
      `${'l'.repeat(65)}@example.com`,
      `jane@${'x'.repeat(64)}.com`,
      `${'l'.repeat(64)}@${domain}`,
      'jane@example.com,john@example.com',
      'Jane <jane@example.com>',
    ];
    for (const input of cases) assertRejected(() => normaliseEmail('value', input), input);
  });
});

describe('normalisePhone', () => {
  test('turns international numbers into E.164', () => {
    const cases: [string, string][] = [
      ['+4915112345678', '+4915112345678'],
      ['+49 151 12345678', '+4915112345678'],
      [' +49 (0)151 12345678 ', '+4915112345678'],
      ['+1 (415) 555-2671', '+14155552671'],
      ['+1.415.555.2671', '+14155552671'],
      ['+44 7911 123456', '+447911123456'],
      ['+33 6 12 34 56 78', '+33612345678'],
      ['+49 30/1234567', '+49301234567'],
    ];
    for (const [input, expected] of cases) assert.equal(normalisePhone('value', input), expected);
  });

  test('asks for the international format when the + is missing', () => {
    for (const input of ['015112345678', '004915112345678', '4915112345678', '(415) 555-2671']) {
      assert.throws(
        () => normalisePhone('value', input),
        (error) =>
          isLatchkeyError(error) && /international format/.test(error.validation[0]!.message),
        input,
      );
    }
  });

  test('rejects numbers that are not valid', () => {
    const cases = [
      '',
      '+',
      '+1',
      '+49',
      '+99912345',
      '+1 800 FLOWERS',
      '+1 415 555 2671 ext. 5',
      '+1 415 555 2671 x5',
      '+49151123456789012345',
      '+49 151 1234',
      '+4915112345678\u0000',
      '++4915112345678',
      '+49\n15112345678',
      `+49${' '.repeat(70)}15112345678`,
      'tel:+4915112345678',
    ];
    for (const input of cases) assertRejected(() => normalisePhone('value', input), input);
  });
});

describe('normaliseUsername', () => {
  test('accepts 3 to 64 characters of a-z 0-9 . _ - and lower-cases them', () => {
    const cases: [string, string][] = [
      ['jane', 'jane'],
      ['Jane.Doe_42-x', 'jane.doe_42-x'],
      ['  abc  ', 'abc'],
      ['007', '007'],
      ['a'.repeat(64), 'a'.repeat(64)],
    ];
    for (const [input, expected] of cases) {
      assert.equal(normaliseUsername('value', input), expected);
    }
  });

  test('rejects everything else', () => {
    const cases = [
      '',
      'ab',
      'a'.repeat(65),
      '.jane',
      '_jane',
      '-jane',
      'jane doe',
      'jane@doe.com',
      '+4915112345678',
      'jäne',
      '\u212Aate', // the Kelvin sign lower-cases to an ASCII "k"
      'jane\u0000',
      'ja\tne',
      'ja/ne',
    ];
    for (const input of cases) assertRejected(() => normaliseUsername('value', input), input);
  });
});

describe('normaliseIdentifierFilterValue', () => {
  test('lower-cases, and writes phone numbers as E.164 for eq', () => {
    assert.equal(normaliseIdentifierFilterValue('eq', ' Jane@Doe.com '), 'jane@doe.com');
    assert.equal(normaliseIdentifierFilterValue('eq', '+49 151 12345678'), '+4915112345678');
    assert.equal(normaliseIdentifierFilterValue('gt', '+49 151'), '+49 151');
    assert.equal(normaliseIdentifierFilterValue('eq', '+1 800 FLOWERS'), '+1 800 flowers');
    assert.equal(normaliseIdentifierFilterValue('lt', 'M'), 'm');
  });
});
