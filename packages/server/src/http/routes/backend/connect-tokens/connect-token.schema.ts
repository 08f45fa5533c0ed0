import { Type } from 'typebox';
import {
  type ConnectTokenRecord,
  connectTokenStatuses,
  connectTokenTypes,
} from '../../../../core/connect-tokens/connect-token-fields.js';
import { Paging, StringEnum } from '../../../schemas/common.schema.js';

export const ConnectTokenType = StringEnum(connectTokenTypes);
export const ConnectTokenStatus = StringEnum(connectTokenStatuses);

export const ConnectTokenIdParams = Type.Object({
  connectTokenID: Type.String({ maxLength: 64, description: 'Format: ctk-<number>' }),
});

/**
 * backend_api.yml `connectTokenData` (a oneOf picked by the token type): `passkey-append`
 * carries displayName and identifier, the other types identifier only. Core checks which
 * fields the type needs, naming `data.<field>`.
 */
export const ConnectTokenData = Type.Object(
  {
    displayName: Type.Optional(Type.String({ description: 'passkey-append only' })),
    identifier: Type.String({ description: 'Login identifier of the user' }),
  },
  { additionalProperties: false },
);

/** The request's `data`: shape-checked loosely here, per type in core. */
export const ConnectTokenDataInput = Type.Object({
  displayName: Type.Optional(Type.String()),
  identifier: Type.Optional(Type.String()),
});

/** backend_api.yml `connectToken`; `secret` only in the answer to create. */
export const ConnectToken = Type.Object(
  {
    id: Type.String(),
    tokenType: ConnectTokenType,
    data: ConnectTokenData,
    connectTokenStatus: ConnectTokenStatus,
    secret: Type.Optional(Type.String()),
    expires: Type.Integer({ description: 'Unix seconds' }),
  },
  { $id: 'connectToken' },
);

export const ConnectTokenList = Type.Object(
  { connectTokens: Type.Array(ConnectToken), paging: Paging },
  { $id: 'connectTokenList' },
);

/** The wire shape of a connect token (`connectToken`), without its secret. */
export function toWireConnectToken(token: ConnectTokenRecord) {
  return {
    id: token.id,
    tokenType: token.type,
    data: {
      ...(token.data.displayName !== undefined && { displayName: token.data.displayName }),
      identifier: token.data.identifier,
    },
    connectTokenStatus: token.status,
    expires: Math.floor(token.expiresAt / 1000),
  };
}
