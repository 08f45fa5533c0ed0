import { Type } from 'typebox';
import { formatTimestamp } from '../../../../core/clock.js';
import {
  type AuthEventRecord,
  authEventMethods,
  authEventStatuses,
  authEventTypes,
  type PasskeyEventRecord,
  passkeyEventTypes,
} from '../../../../core/events/event-fields.js';
import { Paging, StringEnum } from '../../../schemas/common.schema.js';

export const AuthEventType = StringEnum(authEventTypes);
export const AuthEventMethod = StringEnum(authEventMethods);
export const AuthEventStatus = StringEnum(authEventStatuses);
export const PasskeyEventType = StringEnum(passkeyEventTypes);

export const UserIdParams = Type.Object({
  userID: Type.String({ maxLength: 64, description: 'Format: usr-<number>' }),
});

export const PasskeyEventIdParams = Type.Object({
  userID: Type.String({ maxLength: 64, description: 'Format: usr-<number>' }),
  passkeyEventID: Type.String({ maxLength: 64, description: 'Format: pev-<number>' }),
});

/**
 * backend_api.yml `clientInformation`: types and required fields (core checks lengths and
 * keeps only these fields).
 */
export const ClientInformation = Type.Object({
  remoteAddress: Type.String(),
  userAgent: Type.String(),
  clientEnvHandle: Type.Optional(Type.String()),
  javascriptFingerprint: Type.Optional(Type.String()),
  javaScriptHighEntropy: Type.Optional(
    Type.Object({
      platform: Type.String(),
      platformVersion: Type.String(),
      mobile: Type.Boolean(),
    }),
  ),
  bluetoothAvailable: Type.Optional(Type.Boolean()),
  passwordManagerAvailable: Type.Optional(Type.Boolean()),
  userVerifyingPlatformAuthenticatorAvailable: Type.Boolean(),
  conditionalMediationAvailable: Type.Boolean(),
  privateMode: Type.Optional(Type.Boolean()),
  parsedDeviceInfo: Type.Object({
    browserName: Type.String(),
    browserVersion: Type.String(),
    osName: Type.String(),
    osVersion: Type.String(),
  }),
  nativeMeta: Type.Optional(
    Type.Object({
      build: Type.String(),
      deviceOwnerAuth: Type.Optional(Type.String()),
      isPlatformAuthenticatorAPISupported: Type.Optional(Type.Boolean()),
      isBluetoothAvailable: Type.Optional(Type.Boolean()),
      isBluetoothOn: Type.Optional(Type.Boolean()),
      googlePlayServices: Type.Optional(Type.Boolean()),
      deviceSecure: Type.Optional(Type.Boolean()),
    }),
  ),
});

/** backend_api.yml `authEvent`. */
export const AuthEvent = Type.Object(
  {
    authEventID: Type.String(),
    userID: Type.String(),
    username: Type.String(),
    eventType: AuthEventType,
    method: AuthEventMethod,
    created: Type.String(),
    createdMs: Type.Integer(),
    status: AuthEventStatus,
  },
  { $id: 'authEvent' },
);

/** backend_api.yml `passkeyEvent` (the challenge is stored but not part of it). */
export const PasskeyEvent = Type.Object(
  {
    passkeyEventID: Type.String(),
    userID: Type.String(),
    eventType: PasskeyEventType,
    clientEnvID: Type.Optional(Type.String()),
    processID: Type.Optional(Type.String()),
    credentialID: Type.Optional(Type.String()),
    expires: Type.Optional(Type.Integer({ description: 'Unix seconds' })),
    created: Type.String(),
    createdMs: Type.Integer(),
  },
  { $id: 'passkeyEvent' },
);

export const PasskeyEventList = Type.Object(
  { passkeyEvents: Type.Array(PasskeyEvent), paging: Paging },
  { $id: 'passkeyEventList' },
);

export function toWireAuthEvent(event: AuthEventRecord) {
  return {
    authEventID: event.id,
    userID: event.userId,
    username: event.username,
    eventType: event.eventType,
    method: event.method,
    created: formatTimestamp(event.createdAt),
    createdMs: event.createdAt,
    status: event.status,
  };
}

export function toWirePasskeyEvent(event: PasskeyEventRecord) {
  return {
    passkeyEventID: event.id,
    userID: event.userId,
    eventType: event.eventType,
    ...(event.clientEnvId !== null && { clientEnvID: event.clientEnvId }),
    ...(event.processId !== null && { processID: event.processId }),
    ...(event.credentialId !== null && { credentialID: event.credentialId }),
    ...(event.expires !== null && { expires: event.expires }),
    created: formatTimestamp(event.createdAt),
    createdMs: event.createdAt,
  };
}
