import type { ClientInformation } from '../../events/client-information.js';
import { parseUserAgent } from '../parse-user-agent.js';

/** What a client can do with passkeys, read from its `clientInformation`. */
export interface ClientCapabilities {
  /** A user-verifying platform authenticator (Touch ID, Windows Hello, Android screen lock …). */
  platformAuthenticator: boolean;
  /** Cross-device authentication (hybrid: a phone via QR code and Bluetooth) is possible. */
  hybrid: boolean;
  /** Private browsing or an in-app browser, where a new passkey may not persist or work. */
  restrictedBrowser: boolean;
  /** Browser and OS as recorded on passkeys created here (our parse first, else the client's). */
  osName: string;
  browserName: string;
}

/**
 * In-app browsers (web views of social and messaging apps) by their user-agent markers:
 * many have no WebAuthn, and a passkey created in one is hard for the user to find again.
 */
const inAppBrowser =
  /FBAN|FBAV|FB_IAB|Instagram|LinkedInApp|MicroMessenger|musical_ly|BytedanceWebview|Snapchat|Pinterest|\bLine\/|; wv\)/;

/**
 * Bluetooth as reported: the browser's `bluetoothAvailable`, else the native app's
 * `isBluetoothAvailable` (and not switched off); undefined when the client does not say.
 */
function bluetoothOf(client: ClientInformation): boolean | undefined {
  if (client.bluetoothAvailable !== undefined) return client.bluetoothAvailable;
  const native = client.nativeMeta;
  if (native?.isBluetoothAvailable === undefined) return undefined;
  return native.isBluetoothAvailable && native.isBluetoothOn !== false;
}

/**
 * Reads a client's passkey capabilities:
 * - platform authenticator: `userVerifyingPlatformAuthenticatorAvailable`, unless a native
 *   app says the platform API is unsupported or the device has no screen lock;
 * - hybrid: Bluetooth reported available; when the client does not report Bluetooth, a
 *   client with a platform authenticator is assumed able (every browser that has one does
 *   hybrid), one without is not.
 */
export function clientCapabilitiesOf(client: ClientInformation): ClientCapabilities {
  const native = client.nativeMeta;
  const platformAuthenticator =
    client.userVerifyingPlatformAuthenticatorAvailable &&
    native?.isPlatformAuthenticatorAPISupported !== false &&
    native?.deviceSecure !== false;
  const bluetooth = bluetoothOf(client);
  const parsed = parseUserAgent(client.userAgent);
  return {
    platformAuthenticator,
    hybrid: bluetooth ?? platformAuthenticator,
    restrictedBrowser: client.privateMode === true || inAppBrowser.test(client.userAgent),
    osName: parsed.osName || client.parsedDeviceInfo.osName,
    browserName: parsed.browserName || client.parsedDeviceInfo.browserName,
  };
}
