import { Type } from 'typebox';
import {
  type PasskeyChallengeRecord,
  passkeyChallengeStatuses,
  passkeyChallengeTypes,
} from '../../../../core/passkeys/records/record-fields.js';
import { Paging, StringEnum } from '../../../schemas/common.schema.js';

/** backend_api.yml `passkeyChallengeType`. */
export const PasskeyChallengeType = StringEnum(passkeyChallengeTypes);
/** backend_api.yml `passkeyChallengeStatus`. */
export const PasskeyChallengeStatus = StringEnum(passkeyChallengeStatuses);

export const PasskeyChallengeParams = Type.Object({
  userID: Type.String({ maxLength: 64, description: 'Format: usr-<number>' }),
  passkeyChallengeID: Type.String({ maxLength: 64, description: 'Format: pch-<number>' }),
});

/** backend_api.yml `passkeyChallengeUpdateReq`. */
export const PasskeyChallengeUpdateBody = Type.Object({
  status: PasskeyChallengeStatus,
});

/** backend_api.yml `passkeyChallenge`. */
export const PasskeyChallenge = Type.Object(
  {
    challengeID: Type.String({ description: 'Format: pch-<number>' }),
    type: PasskeyChallengeType,
    value: Type.String({ description: 'The challenge, base64url' }),
    status: PasskeyChallengeStatus,
    created: Type.Integer({ description: 'Unix seconds' }),
    createdMs: Type.Integer({ description: 'Unix milliseconds' }),
    expires: Type.Integer({ description: 'Unix seconds' }),
  },
  { $id: 'passkeyChallenge' },
);

/** backend_api.yml `passkeyChallengeList`. */
export const PasskeyChallengeList = Type.Object(
  { passkeyChallenges: Type.Array(PasskeyChallenge), paging: Paging },
  { $id: 'passkeyChallengeList' },
);

/**
 * The wire shape of a passkey challenge. The spec types `created` and `expires` as int64
 * without a millisecond twin for `expires`: both are Unix seconds (rounded down), as
 * `expires` is everywhere else in the API; `createdMs` carries the milliseconds.
 */
export function toWirePasskeyChallenge(challenge: PasskeyChallengeRecord) {
  return {
    challengeID: challenge.id,
    type: challenge.type,
    value: challenge.value,
    status: challenge.status,
    created: Math.floor(challenge.createdAt / 1000),
    createdMs: challenge.createdAt,
    expires: Math.floor(challenge.expiresAt / 1000),
  };
}
