import { Type } from 'typebox';
import {
  type ChallengeRecord,
  challengeStatuses,
  challengeTypes,
  maxChallengeValueLength,
} from '../../../../core/challenges/challenge-fields.js';
import { StringEnum } from '../../../schemas/common.schema.js';

export const ChallengeType = StringEnum(challengeTypes);
export const ChallengeStatus = StringEnum(challengeStatuses);

export const ChallengeUserParams = Type.Object({
  userID: Type.String({ maxLength: 64, description: 'Format: usr-<number>' }),
});

export const ChallengeIdParams = Type.Object({
  userID: Type.String({ maxLength: 64, description: 'Format: usr-<number>' }),
  challengeID: Type.String({ maxLength: 64, description: 'Format: cha-<number>' }),
});

/** backend_api.yml `challengeUpdateReq`. */
export const ChallengeUpdateBody = Type.Object({
  value: Type.String({
    maxLength: maxChallengeValueLength,
    description: 'The code from the email or SMS, or the `code` parameter of the email link',
  }),
});

/** backend_api.yml `challenge`. */
export const Challenge = Type.Object(
  {
    challengeID: Type.String(),
    type: ChallengeType,
    identifierValue: Type.String(),
    value: Type.String({ description: 'Always empty: the code is only ever sent to the user' }),
    expires: Type.Integer({ description: 'Unix seconds' }),
    status: ChallengeStatus,
  },
  { $id: 'challenge' },
);

/**
 * The wire shape of a challenge. `value` is always empty: the code or link token reaches
 * only the user (docs/challenges-and-messaging.md); `expires` is in Unix seconds.
 */
export function toWireChallenge(challenge: ChallengeRecord) {
  return {
    challengeID: challenge.id,
    type: challenge.type,
    identifierValue: challenge.identifierValue,
    value: '',
    expires: Math.floor(challenge.expiresAt / 1000),
    status: challenge.status,
  };
}
