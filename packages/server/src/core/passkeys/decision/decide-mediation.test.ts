import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { client } from '../../../../test/support/decision-fixtures.js';
import { decideMediation } from './decide-mediation.js';

describe('decideMediation', () => {
  test('conditional UI when the client has conditional mediation and can use passkeys', () => {
    assert.deepEqual(decideMediation(client()), { loginAllow: true });
  });

  test('not without conditional mediation', () => {
    assert.deepEqual(decideMediation(client({ conditionalMediationAvailable: false })), {
      loginAllow: false,
    });
  });

  test('not on a client with neither a platform authenticator nor hybrid', () => {
    const none = client({
      userVerifyingPlatformAuthenticatorAvailable: false,
      bluetoothAvailable: false,
    });
    assert.deepEqual(decideMediation(none), { loginAllow: false });
  });

  test('a client without platform authenticator but with hybrid may list phone passkeys', () => {
    const hybrid = client({
      userVerifyingPlatformAuthenticatorAvailable: false,
      bluetoothAvailable: true,
    });
    assert.deepEqual(decideMediation(hybrid), { loginAllow: true });
  });
});
