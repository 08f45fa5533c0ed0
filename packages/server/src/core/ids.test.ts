import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isId, newId, parseId } from './ids.js';
import { cryptoRandom, type Random } from './random.js';

test('newId mints a prefix and 19 digits that fit a signed 64-bit integer', () => {
  for (let i = 0; i < 200; i++) {
    const id = newId('user', cryptoRandom);
    assert.match(id, /^usr-[1-8]\d{18}$/);
    assert.ok(BigInt(id.slice(4)) <= 9223372036854775807n);
  }
});

test('newId keeps a leading 9 out so the number stays below 2^63', () => {
  const nines: Random = {
    base62: () => '',
    digits: (n) => '9'.repeat(n),
    bytes: (n) => Buffer.alloc(n),
  };
  assert.equal(newId('project', nines), `pro-8${'9'.repeat(18)}`);
});

test('parseId accepts the prefixed form and the bare number', () => {
  assert.equal(parseId('user', 'usr-123'), 'usr-123');
  assert.equal(parseId('user', '123'), 'usr-123');
  assert.equal(parseId('user', 'pro-123'), undefined);
  assert.equal(parseId('user', 'usr-12a'), undefined);
  assert.equal(parseId('user', ''), undefined);
  assert.equal(parseId('user', `usr-${'1'.repeat(21)}`), undefined);
});

test('isId requires the prefix', () => {
  assert.equal(isId('project', 'pro-42'), true);
  assert.equal(isId('project', '42'), false);
  assert.equal(isId('project', 'pro-'), false);
});
