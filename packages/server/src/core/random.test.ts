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

test('digits are uniform, the first one over 1-9', () => {
  const first = new Map<string, number>();
  const rest = new Map<string, number>();
  for (let i = 0; i < 9000; i++) {
    const value = cryptoRandom.digits(3);
    first.set(value[0]!, (first.get(value[0]!) ?? 0) + 1);
    for (const c of value.slice(1)) rest.set(c, (rest.get(c) ?? 0) + 1);
  }
  assert.deepEqual([...first.keys()].sort(), ['1', '2', '3', '4', '5', '6', '7', '8', '9']);
  for (const count of first.values()) assert.ok(count > 800 && count < 1200, `first ${count}`);
  assert.equal(rest.size, 10);
  for (const count of rest.values()) assert.ok(count > 1500 && count < 2100, `rest ${count}`);
});

test('bytes never repeat across draws, also across pool refills and beyond the pool size', () => {
  const seen = new Set<string>();
  // 2,000 draws of 32 bytes cross the 4 KiB pool many times.
  for (let i = 0; i < 2000; i++) {
    const value = cryptoRandom.bytes(32);
    assert.equal(value.length, 32);
    const hex = value.toString('hex');
    assert.ok(!seen.has(hex), 'a draw repeated');
    seen.add(hex);
  }
  const big = cryptoRandom.bytes(10_000);
  assert.equal(big.length, 10_000);
  // A drawn buffer is the caller's own: changing it changes no later draw.
  const a = cryptoRandom.bytes(16);
  a.fill(0);
  assert.notDeepEqual(cryptoRandom.bytes(16), a);
});
