import { Type } from 'typebox';
import { finishMeIdentifierVerify } from '../../../../core/me/finish-me-identifier-verify.js';
import { genericOkBody } from '../../../error-envelope.js';
import { requireSession } from '../../../frontend-session.js';
import type { RouteModule } from '../../../route-context.js';
import { GenericResponse, withErrors } from '../../../schemas/common.schema.js';

/** POST /v2/me/identifier/verify/finish (CurrentUserIdentifierVerifyFinish): checks the code. */
export const finishMeIdentifierVerifyRoute: RouteModule = (app, context) => {
  app.post(
    '/me/identifier/verify/finish',
    {
      schema: {
        operationId: 'CurrentUserIdentifierVerifyFinish',
        tags: ['Frontend API'],
        summary: 'Verify an identifier of the signed-in user with the code',
        body: Type.Object({ identifierID: Type.String(), code: Type.String({ maxLength: 256 }) }),
        response: withErrors({ 200: GenericResponse }),
      },
    },
    async (request, reply) => {
      const { user } = await requireSession(context, request);
      await finishMeIdentifierVerify(
        { ...context.deps, rateLimiter: context.rateLimiter },
        user,
        request.body,
      );
      return genericOkBody(request, reply);
    },
  );
};
