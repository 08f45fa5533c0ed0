import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseUserAgent, userAgentMaxLength } from './parse-user-agent.js';

describe('parseUserAgent', () => {
  const cases: Array<[string, string, ReturnType<typeof parseUserAgent>]> = [
    [
      'Chrome on Windows',
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
      {
        browserName: 'Chrome',
        browserVersion: '131.0.0.0',
        osName: 'Windows',
        osVersion: 'NT 10.0',
      },
    ],
    [
      'Safari on iOS',
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      { browserName: 'Safari', browserVersion: '17.5', osName: 'iOS', osVersion: '17.5' },
    ],
    [
      'Firefox on Linux',
      'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
      { browserName: 'Firefox', browserVersion: '133.0', osName: 'Linux', osVersion: '' },
    ],
    [
      'Edge on Windows',
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.70',
      {
        browserName: 'Microsoft Edge',
        browserVersion: '131.0.2903.70',
        osName: 'Windows',
        osVersion: 'NT 10.0',
      },
    ],
    [
      'Samsung Internet on Android',
      'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36',
      {
        browserName: 'Samsung Internet for Android',
        browserVersion: '26.0',
        osName: 'Android',
        osVersion: '14',
      },
    ],
  ];
  for (const [title, userAgent, expected] of cases) {
    test(title, () => {
      assert.deepEqual(parseUserAgent(userAgent), expected);
    });
  }

  test('empty, garbage, non-string and oversized input give empty fields and never throw', () => {
    const empty = { browserName: '', browserVersion: '', osName: '', osVersion: '' };
    for (const input of ['', '   ', undefined, null, 42, {}, ['Chrome/1']]) {
      assert.deepEqual(parseUserAgent(input), empty);
    }
    for (const input of [
      '\u0000\u0001 ??? <script>alert(1)</script>',
      '(((((((((((((((((((',
      'x'.repeat(1_000_000),
      `${'Mozilla/5.0 ('.repeat(10_000)}`,
    ]) {
      const parsed = parseUserAgent(input);
      for (const value of Object.values(parsed)) {
        assert.equal(typeof value, 'string');
        assert.ok(value.length <= 100);
        assert.ok(![...value].some((c) => c.charCodeAt(0) < 0x20), value);
      }
    }
  });

  test('only the first userAgentMaxLength characters are parsed', () => {
    const padded = `${'x'.repeat(userAgentMaxLength)} Firefox/133.0`;
    assert.equal(parseUserAgent(padded).browserName, '');
  });
});
