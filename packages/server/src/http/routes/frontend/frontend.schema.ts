import { Type } from 'typebox';
import { identifierTypes } from '../../../core/identifiers/identifier-fields.js';
import type { Me } from '../../../core/me/get-me.js';
import { Paging, StringEnum } from '../../schemas/common.schema.js';
import { Credential } from '../backend/credentials/credential.schema.js';

/** spec_v2.yaml `clientInformation`: what the browser knows about itself (checked in core). */
export const FrontendClientInformation = Type.Object({}, { additionalProperties: true });

/** spec_v2.yaml `meRsp`. */
export const MeResponse = Type.Object({
  id: Type.String(),
  fullName: Type.String(),
  identifiers: Type.Array(
    Type.Object({
      id: Type.String(),
      value: Type.String(),
      type: StringEnum(identifierTypes),
      status: Type.String(),
    }),
  ),
  socialAccounts: Type.Array(
    Type.Object({
      providerType: Type.String(),
      identifierValue: Type.String(),
      avatarUrl: Type.String(),
      fullName: Type.String(),
    }),
  ),
});

/** The wire shape of `GET /v2/me`. */
export function toWireMe(me: Me) {
  return {
    id: me.user.id,
    fullName: me.user.fullName ?? '',
    identifiers: me.identifiers.map((identifier) => ({
      id: identifier.id,
      value: identifier.value,
      type: identifier.type,
      status: identifier.status,
    })),
    socialAccounts: me.socialAccounts.map((account) => ({
      providerType: account.providerType,
      identifierValue: account.identifierValue,
      avatarUrl: account.avatarUrl,
      fullName: account.fullName,
    })),
  };
}

/** spec_v2.yaml `passkey`: the Backend API's `credential` without its extra members. */
export const FrontendPasskey = Type.Omit(Credential, ['lastUsedMs', 'createdMs', 'tags'], {
  $id: undefined,
});

/** spec_v2.yaml `mePasskeyRsp`. */
export const MePasskeysResponse = Type.Object({
  passkeys: Type.Array(FrontendPasskey),
  paging: Paging,
});
