import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cryptoRandom } from './random.js';

test('base62 has the requested length and only base62 characters', () => {
  const value = cryptoRandom.base62(48);
  assert.equal(value.length, 48);
  assert.match(value, /^[0-9A-Za-z]{48}$/);
});

test('base62 uses the whole alphabet roughly evenly', () => {
  const counts = new Map<string, number>();
  for (const c of cryptoRandom.base62(62_000)) counts.set(c, (counts.get(c) ?? 0) + 1);
  assert.equal(counts.size, 62);
  for (const count of counts.values()) assert.ok(count > 700 && count < 1300, `count ${count}`);
});

test('digits has the requested length and no leading zero', () => {
  for (let i = 0; i < 100; i++) assert.match(cryptoRandom.digits(19), /^[1-9]\d{18}$/);
});
