import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { LatchkeyError } from '../errors.js';
import { decryptPrivateKey, encryptPrivateKey } from './key-encryption.js';

const masterKey = randomBytes(32);
const secret = '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEI…\n-----END PRIVATE KEY-----\n';

function isInternal(error: unknown): boolean {
  return error instanceof LatchkeyError && error.code === 'INTERNAL';
}

test('round trip; a fresh IV each time; the plaintext never shows in the ciphertext', () => {
  const a = encryptPrivateKey(masterKey, 'pki-1', secret);
  const b = encryptPrivateKey(masterKey, 'pki-1', secret);
  assert.notEqual(a, b);
  assert.match(a, /^v1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]+$/);
  assert.ok(!a.includes('PRIVATE KEY'));
  assert.equal(decryptPrivateKey(masterKey, 'pki-1', a), secret);
  assert.equal(decryptPrivateKey(masterKey, 'pki-1', b), secret);
});

test('a tampered ciphertext, tag or IV does not decrypt', () => {
  const encrypted = encryptPrivateKey(masterKey, 'pki-1', secret);
  const parts = encrypted.split(':');
  for (const index of [1, 2, 3]) {
    const bytes = Buffer.from(parts[index]!, 'base64url');
    bytes[0] = bytes[0]! ^ 1;
    const tampered = parts.map((p, i) => (i === index ? bytes.toString('base64url') : p));
    assert.throws(() => decryptPrivateKey(masterKey, 'pki-1', tampered.join(':')), isInternal);
  }
  assert.throws(
    () => decryptPrivateKey(masterKey, 'pki-1', `v2:${parts.slice(1).join(':')}`),
    isInternal,
  );
  assert.throws(() => decryptPrivateKey(masterKey, 'pki-1', 'garbage'), isInternal);
});

test('another key ID (AAD) or another master key does not decrypt', () => {
  const encrypted = encryptPrivateKey(masterKey, 'pki-1', secret);
  assert.throws(() => decryptPrivateKey(masterKey, 'pki-2', encrypted), isInternal);
  assert.throws(() => decryptPrivateKey(randomBytes(32), 'pki-1', encrypted), isInternal);
  assert.throws(() => encryptPrivateKey(randomBytes(16), 'pki-1', secret), isInternal);
});
