import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  client,
  credential,
  otherEnv,
  phonePasskey,
  securityKey,
  thisEnv,
} from '../../../../test/support/decision-fixtures.js';
import { clientCapabilitiesOf } from './client-capabilities.js';
import { isOnThisClient, isPhoneReachable, isSecurityKey } from './passkey-kinds.js';

const mac = clientCapabilitiesOf(client());

describe('isSecurityKey', () => {
  test('only roaming transports and not synced', () => {
    assert.equal(isSecurityKey(securityKey()), true);
    assert.equal(isSecurityKey(securityKey({ transports: ['ble'] })), true);
    assert.equal(isSecurityKey(securityKey({ transports: ['usb', 'internal'] })), false);
    assert.equal(isSecurityKey(securityKey({ transports: ['usb', 'hybrid'] })), false);
    assert.equal(isSecurityKey(securityKey({ backupEligible: true })), false);
    // Transports unknown: not taken for a security key.
    assert.equal(isSecurityKey(securityKey({ transports: [] })), false);
  });
});

describe('isOnThisClient', () => {
  test('both environments known: they must be the same', () => {
    assert.equal(isOnThisClient(credential(), thisEnv, mac), true);
    assert.equal(isOnThisClient(credential({ clientEnvId: otherEnv }), thisEnv, mac), false);
  });

  test('an environment unknown: same browser and OS (case-insensitive)', () => {
    assert.equal(isOnThisClient(credential(), null, mac), true);
    assert.equal(
      isOnThisClient(credential({ clientEnvId: null, sourceOs: 'MACOS' }), thisEnv, mac),
      true,
    );
    assert.equal(
      isOnThisClient(credential({ clientEnvId: null, sourceBrowser: 'Safari' }), thisEnv, mac),
      false,
    );
    assert.equal(isOnThisClient(phonePasskey(), null, mac), false);
    assert.equal(isOnThisClient(credential({ clientEnvId: null, sourceOs: '' }), null, mac), false);
  });

  test('a security key is on no client', () => {
    assert.equal(isOnThisClient(securityKey(), thisEnv, mac), false);
  });
});

describe('isPhoneReachable', () => {
  test('made on a phone or tablet, synced, or hybrid-capable; never a security key', () => {
    const local = { backupEligible: false, transports: ['internal'] };
    assert.equal(isPhoneReachable(phonePasskey(local)), true);
    assert.equal(isPhoneReachable(phonePasskey({ ...local, sourceOs: 'Android' })), true);
    assert.equal(isPhoneReachable(credential({ ...local, backupEligible: true })), true);
    assert.equal(
      isPhoneReachable(credential({ ...local, transports: ['internal', 'hybrid'] })),
      true,
    );
    assert.equal(isPhoneReachable(credential({ ...local, sourceOs: 'Windows' })), false);
    assert.equal(isPhoneReachable(securityKey()), false);
  });
});
