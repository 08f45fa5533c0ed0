import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ceremonyTypeOf } from './ceremony-type.js';

test('a platform authenticator is a local ceremony', () => {
  assert.equal(
    ceremonyTypeOf({
      authenticatorAttachment: 'platform',
      transports: ['internal', 'hybrid'],
      backupEligible: true,
    }),
    'local',
  );
});

test('cross-platform with hybrid, or a synced passkey, is cross-device authentication', () => {
  assert.equal(
    ceremonyTypeOf({
      authenticatorAttachment: 'cross-platform',
      transports: ['hybrid', 'internal'],
      backupEligible: false,
    }),
    'cda',
  );
  assert.equal(
    ceremonyTypeOf({
      authenticatorAttachment: 'cross-platform',
      transports: [],
      backupEligible: true,
    }),
    'cda',
  );
});

test('cross-platform over USB or NFC without backup is a security key', () => {
  assert.equal(
    ceremonyTypeOf({
      authenticatorAttachment: 'cross-platform',
      transports: ['usb', 'nfc'],
      backupEligible: false,
    }),
    'security-key',
  );
});

test('without a reported attachment the transports decide', () => {
  assert.equal(
    ceremonyTypeOf({
      authenticatorAttachment: null,
      transports: ['internal'],
      backupEligible: false,
    }),
    'local',
  );
  assert.equal(
    ceremonyTypeOf({
      authenticatorAttachment: undefined,
      transports: ['hybrid'],
      backupEligible: false,
    }),
    'cda',
  );
  assert.equal(
    ceremonyTypeOf({ authenticatorAttachment: null, transports: ['usb'], backupEligible: false }),
    'security-key',
  );
});
