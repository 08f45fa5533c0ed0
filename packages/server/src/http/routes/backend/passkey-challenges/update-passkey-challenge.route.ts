import { updatePasskeyChallenge } from '../../../../core/passkeys/records/update-passkey-challenge.js';
import type { RouteModule } from '../../../route-context.js';
import { withErrors } from '../../../schemas/common.schema.js';
import {
  PasskeyChallenge,
  PasskeyChallengeParams,
  PasskeyChallengeUpdateBody,
  toWirePasskeyChallenge,
} from './passkey-challenge.schema.js';

/**
 * PATCH /v2/users/{userID}/passkeyChallenges/{passkeyChallengeID} (PasskeyChallengeUpdate):
 * only `status: consumed` (retires the challenge).
 */
export const updatePasskeyChallengeRoute: RouteModule = (app, { deps }) => {
  app.patch(
    '/users/:userID/passkeyChallenges/:passkeyChallengeID',
    {
      schema: {
        operationId: 'PasskeyChallengeUpdate',
        tags: ['PasskeyChallenges'],
        summary: 'Update a passkey challenge for a user',
        params: PasskeyChallengeParams,
        body: PasskeyChallengeUpdateBody,
        response: withErrors({ 200: PasskeyChallenge }),
      },
    },
    async (request) => {
      const { userID, passkeyChallengeID } = request.params;
      const challenge = await updatePasskeyChallenge(
        deps,
        request.projectId,
        userID,
        passkeyChallengeID,
        request.body,
      );
      return toWirePasskeyChallenge(challenge);
    },
  );
};
