import { verifyChallenge } from '../../../../core/challenges/verify-challenge.js';
import type { RouteModule } from '../../../route-context.js';
import { withErrors } from '../../../schemas/common.schema.js';
import {
  Challenge,
  ChallengeIdParams,
  ChallengeUpdateBody,
  toWireChallenge,
} from './challenge.schema.js';

/** PATCH /v2/users/{userID}/challenges/{challengeID} (ChallengeUpdate): verifies the value. */
export const updateChallengeRoute: RouteModule = (app, { deps }) => {
  app.patch(
    '/users/:userID/challenges/:challengeID',
    {
      schema: {
        operationId: 'ChallengeUpdate',
        tags: ['Challenges'],
        summary: 'Update a challenge for a user',
        description:
          'Completes a pending challenge when `value` is its code (or link token). Five wrong values lock it.',
        params: ChallengeIdParams,
        body: ChallengeUpdateBody,
        response: withErrors({ 200: Challenge }),
      },
    },
    async (request) => {
      const { userID, challengeID } = request.params;
      const challenge = await verifyChallenge(
        deps,
        request.projectId,
        userID,
        challengeID,
        request.body,
      );
      return toWireChallenge(challenge);
    },
  );
};
