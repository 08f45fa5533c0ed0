import type { ClientInformation } from '../../src/core/events/client-information.js';
import type { DecisionInput } from '../../src/core/passkeys/decision/decision-input.js';
import type { CredentialRecord } from '../../src/store/credential.store.js';
import type { PasskeyEventRecord, PasskeyEventType } from '../../src/store/passkey-event.store.js';

/** Builders for the decision engine's unit tests: a Chrome on macOS user, seen before. */

export const now = Date.UTC(2026, 0, 15, 12, 0, 0);
export const minute = 60_000;
export const day = 24 * 60 * minute;

export const userAgents = {
  chromeMac:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
  chromeWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  instagramIos:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 334.0.4.32.98 (iPhone15,2; iOS 17_5; en_US)',
  androidWebView:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/122.0.0.0 Mobile Safari/537.36',
};

/** This client's environment ID; `otherEnv` is another device of the user. */
export const thisEnv = 'cle-1000000000000000001';
export const otherEnv = 'cle-1000000000000000002';

/** Chrome on macOS with Touch ID, Bluetooth not reported. */
export function client(overrides: Partial<ClientInformation> = {}): ClientInformation {
  return {
    remoteAddress: '127.0.0.1',
    userAgent: userAgents.chromeMac,
    userVerifyingPlatformAuthenticatorAvailable: true,
    conditionalMediationAvailable: true,
    parsedDeviceInfo: {
      browserName: 'Chrome',
      browserVersion: '120',
      osName: 'macOS',
      osVersion: '10.15.7',
    },
    ...overrides,
  };
}

let credentialSerial = 0;

/** A platform passkey created on this client (Chrome on macOS, synced) a month ago, never used. */
export function credential(overrides: Partial<CredentialRecord> = {}): CredentialRecord {
  credentialSerial += 1;
  const serial = String(credentialSerial).padStart(19, '0');
  return {
    id: `cre-${serial}`,
    projectId: 'pro-1000000000000000001',
    userId: 'usr-1000000000000000001',
    credentialId: `raw-${serial}`,
    username: 'jane@example.com',
    publicKey: 'pQECAyYgASFYIA',
    algorithm: -7,
    signCount: 0,
    transports: ['hybrid', 'internal'],
    aaguid: 'adce0002-35bc-c60a-648b-0b25f1f05503',
    backupEligible: true,
    backupState: true,
    attestationType: 'none',
    sourceOs: 'macOS',
    sourceBrowser: 'Chrome',
    status: 'active',
    clientEnvId: thisEnv,
    suspectedCloneAt: null,
    createdAt: now - 30 * day,
    lastUsedAt: now - 30 * day,
    ...overrides,
  };
}

/** A passkey made on the user's iPhone (Safari), not on this client. */
export function phonePasskey(overrides: Partial<CredentialRecord> = {}): CredentialRecord {
  return credential({
    sourceOs: 'iOS',
    sourceBrowser: 'Safari',
    clientEnvId: otherEnv,
    ...overrides,
  });
}

/** A USB/NFC security key. */
export function securityKey(overrides: Partial<CredentialRecord> = {}): CredentialRecord {
  return credential({
    transports: ['nfc', 'usb'],
    backupEligible: false,
    backupState: false,
    clientEnvId: thisEnv,
    ...overrides,
  });
}

let eventSerial = 0;

/** An event on this client, an hour old, without expiry. */
export function event(
  eventType: PasskeyEventType,
  overrides: Partial<PasskeyEventRecord> = {},
): PasskeyEventRecord {
  eventSerial += 1;
  return {
    id: `pev-${String(eventSerial).padStart(19, '0')}`,
    projectId: 'pro-1000000000000000001',
    userId: 'usr-1000000000000000001',
    eventType,
    processId: null,
    clientEnvId: thisEnv,
    credentialId: null,
    challenge: null,
    expires: null,
    createdAt: now - 60 * minute,
    ...overrides,
  };
}

/** A user with one passkey on this known client and no events. */
export function decisionInput(overrides: Partial<DecisionInput> = {}): DecisionInput {
  return {
    client: client(),
    clientEnvId: thisEnv,
    credentials: [credential()],
    events: [],
    now,
    ...overrides,
  };
}
