import { Type } from 'typebox';
import { createChallenge } from '../../../../core/challenges/create-challenge.js';
import type { RouteModule } from '../../../route-context.js';
import { withErrors } from '../../../schemas/common.schema.js';
import { ClientInformation } from '../events/event.schema.js';
import {
  Challenge,
  ChallengeType,
  ChallengeUserParams,
  toWireChallenge,
} from './challenge.schema.js';

/** POST /v2/users/{userID}/challenges (ChallengeCreate): creates a challenge and sends it. */
export const createChallengeRoute: RouteModule = (app, context) => {
  app.post(
    '/users/:userID/challenges',
    {
      schema: {
        operationId: 'ChallengeCreate',
        tags: ['Challenges'],
        summary: 'Create a challenge for a user',
        description:
          "Sends an email OTP, email link or SMS OTP to one of the user's identifiers. The code is never returned.",
        params: ChallengeUserParams,
        body: Type.Object({
          challengeType: ChallengeType,
          identifierValue: Type.String({ maxLength: 320 }),
          challengeMetadata: Type.Optional(Type.Object({}, { additionalProperties: true })),
          lifetimeSeconds: Type.Optional(
            Type.Integer({ description: 'Default 300 (OTP) or 900 (link); at most 3600' }),
          ),
          clientInformation: ClientInformation,
        }),
        response: withErrors({ 200: Challenge }),
      },
    },
    async (request) => {
      const challenge = await createChallenge(
        {
          ...context.deps,
          messaging: context.messaging,
          rateLimiter: context.rateLimiter,
          publicUrl: context.publicUrl,
        },
        request.projectId,
        request.params.userID,
        request.body,
      );
      return toWireChallenge(challenge);
    },
  );
};
