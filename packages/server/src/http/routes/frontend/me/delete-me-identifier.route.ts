import { Type } from 'typebox';
import { deleteMeIdentifier } from '../../../../core/me/delete-me-identifier.js';
import { genericOkBody } from '../../../error-envelope.js';
import { requireSession } from '../../../frontend-session.js';
import type { RouteModule } from '../../../route-context.js';
import { GenericResponse, withErrors } from '../../../schemas/common.schema.js';

/**
 * DELETE /v2/me/identifier (CurrentUserIdentifierDelete): removes an identifier, unless it
 * is the last way to sign in.
 */
export const deleteMeIdentifierRoute: RouteModule = (app, context) => {
  app.delete(
    '/me/identifier',
    {
      schema: {
        operationId: 'CurrentUserIdentifierDelete',
        tags: ['Frontend API'],
        summary: 'Delete an identifier of the signed-in user',
        body: Type.Object({ identifierID: Type.String() }),
        response: withErrors({ 200: GenericResponse }),
      },
    },
    async (request, reply) => {
      const { user } = await requireSession(context, request);
      await deleteMeIdentifier(context.deps, user, request.body.identifierID);
      return genericOkBody(request, reply);
    },
  );
};
