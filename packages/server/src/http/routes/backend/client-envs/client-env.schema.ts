import { Type } from 'typebox';
import type {
  ClientEnvRecord,
  PasswordManagerRecord,
} from '../../../../core/passkeys/records/record-fields.js';

/** backend_api.yml `clientEnv`. */
export const ClientEnv = Type.Object(
  {
    id: Type.String({ description: 'Format: cle-<number>' }),
    handle: Type.String(),
    browserName: Type.String(),
    browserVersion: Type.String(),
    osName: Type.String(),
    osVersion: Type.String(),
    userAgent: Type.String(),
    jsFingerprint: Type.String(),
    createdMs: Type.Integer(),
    deviceId: Type.Optional(Type.String()),
  },
  { $id: 'clientEnv' },
);

/** backend_api.yml `clientEnvList` (the spec has no paging here). */
export const ClientEnvList = Type.Object(
  { clientEnvs: Type.Array(ClientEnv) },
  { $id: 'clientEnvList' },
);

/** backend_api.yml `passwordManager`. */
export const PasswordManager = Type.Object(
  {
    id: Type.String({ description: 'Format: pwm-<number>' }),
    userID: Type.String(),
    clientEnvID: Type.String(),
    credentialID: Type.String({ description: 'The passkey it holds, cre-<number>' }),
    aaguid: Type.String(),
    status: Type.String(),
    score: Type.Integer(),
    createdMs: Type.Integer(),
  },
  { $id: 'passwordManager' },
);

/** backend_api.yml `passwordManagerList` (the spec has no paging here). */
export const PasswordManagerList = Type.Object(
  { passwordManagers: Type.Array(PasswordManager) },
  { $id: 'passwordManagerList' },
);

/** The wire shape of a client environment (`clientEnv`). */
export function toWireClientEnv(env: ClientEnvRecord) {
  return {
    id: env.id,
    handle: env.handle,
    browserName: env.browserName,
    browserVersion: env.browserVersion,
    osName: env.osName,
    osVersion: env.osVersion,
    userAgent: env.userAgent,
    jsFingerprint: env.jsFingerprint,
    createdMs: env.createdAt,
    ...(env.deviceId !== null && { deviceId: env.deviceId }),
  };
}

/** The wire shape of a password manager (`passwordManager`). */
export function toWirePasswordManager(manager: PasswordManagerRecord) {
  return {
    id: manager.id,
    userID: manager.userId,
    clientEnvID: manager.clientEnvId,
    credentialID: manager.credentialId,
    aaguid: manager.aaguid,
    status: manager.status,
    score: manager.score,
    createdMs: manager.createdAt,
  };
}
