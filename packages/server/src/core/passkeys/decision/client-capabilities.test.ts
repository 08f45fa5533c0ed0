import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { client, userAgents } from '../../../../test/support/decision-fixtures.js';
import { clientCapabilitiesOf } from './client-capabilities.js';

describe('clientCapabilitiesOf', () => {
  test('platform authenticator as reported, unless a native app says otherwise', () => {
    assert.equal(clientCapabilitiesOf(client()).platformAuthenticator, true);
    const without = client({ userVerifyingPlatformAuthenticatorAvailable: false });
    assert.equal(clientCapabilitiesOf(without).platformAuthenticator, false);
    for (const nativeMeta of [
      { build: '1', isPlatformAuthenticatorAPISupported: false },
      { build: '1', deviceSecure: false },
    ]) {
      assert.equal(clientCapabilitiesOf(client({ nativeMeta })).platformAuthenticator, false);
    }
    const fine = { build: '1', isPlatformAuthenticatorAPISupported: true, deviceSecure: true };
    assert.equal(clientCapabilitiesOf(client({ nativeMeta: fine })).platformAuthenticator, true);
  });

  test('hybrid: Bluetooth as reported (browser first, then native), else with a platform authenticator', () => {
    const hybrid = (overrides: Parameters<typeof client>[0]) =>
      clientCapabilitiesOf(client(overrides)).hybrid;
    assert.equal(hybrid({}), true);
    assert.equal(hybrid({ userVerifyingPlatformAuthenticatorAvailable: false }), false);
    assert.equal(hybrid({ bluetoothAvailable: false }), false);
    assert.equal(
      hybrid({ userVerifyingPlatformAuthenticatorAvailable: false, bluetoothAvailable: true }),
      true,
    );
    assert.equal(
      hybrid({ nativeMeta: { build: '1', isBluetoothAvailable: true, isBluetoothOn: false } }),
      false,
    );
    assert.equal(hybrid({ nativeMeta: { build: '1', isBluetoothAvailable: true } }), true);
    assert.equal(
      hybrid({ bluetoothAvailable: true, nativeMeta: { build: '1', isBluetoothAvailable: false } }),
      true,
    );
  });

  test('restricted: private mode and in-app browsers', () => {
    const restricted = (overrides: Parameters<typeof client>[0]) =>
      clientCapabilitiesOf(client(overrides)).restrictedBrowser;
    assert.equal(restricted({}), false);
    assert.equal(restricted({ privateMode: false }), false);
    assert.equal(restricted({ privateMode: true }), true);
    assert.equal(restricted({ userAgent: userAgents.instagramIos }), true);
    assert.equal(restricted({ userAgent: userAgents.androidWebView }), true);
    assert.equal(restricted({ userAgent: userAgents.chromeWindows }), false);
  });

  test('browser and OS from the user agent, else as the client reported them', () => {
    const parsed = clientCapabilitiesOf(client({ userAgent: userAgents.chromeWindows }));
    assert.deepEqual([parsed.osName, parsed.browserName], ['Windows', 'Chrome']);
    const reported = clientCapabilitiesOf(client({ userAgent: 'MyApp/1.0' }));
    assert.deepEqual([reported.osName, reported.browserName], ['macOS', 'Chrome']);
  });
});
