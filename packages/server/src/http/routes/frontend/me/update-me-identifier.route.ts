import { Type } from 'typebox';
import { updateMeIdentifier } from '../../../../core/me/update-me-identifier.js';
import { genericOkBody } from '../../../error-envelope.js';
import { requireSession } from '../../../frontend-session.js';
import type { RouteModule } from '../../../route-context.js';
import { GenericResponse, withErrors } from '../../../schemas/common.schema.js';

/** PATCH /v2/me/identifier (CurrentUserIdentifierUpdate): changes the username (a new ID). */
export const updateMeIdentifierRoute: RouteModule = (app, context) => {
  app.patch(
    '/me/identifier',
    {
      schema: {
        operationId: 'CurrentUserIdentifierUpdate',
        tags: ['Frontend API'],
        summary: "Change the signed-in user's username",
        body: Type.Object({
          identifierID: Type.String(),
          identifierType: Type.String(),
          value: Type.String(),
        }),
        response: withErrors({ 200: GenericResponse }),
      },
    },
    async (request, reply) => {
      const { user } = await requireSession(context, request);
      await updateMeIdentifier(context.deps, user, request.body);
      return genericOkBody(request, reply);
    },
  );
};
