import { Type } from 'typebox';
import { createMeIdentifier } from '../../../../core/me/create-me-identifier.js';
import { genericOkBody } from '../../../error-envelope.js';
import { requireSession } from '../../../frontend-session.js';
import type { RouteModule } from '../../../route-context.js';
import { GenericResponse, withErrors } from '../../../schemas/common.schema.js';

/** POST /v2/me/identifier (CurrentUserIdentifierCreate): adds an email, phone or username. */
export const createMeIdentifierRoute: RouteModule = (app, context) => {
  app.post(
    '/me/identifier',
    {
      schema: {
        operationId: 'CurrentUserIdentifierCreate',
        tags: ['Frontend API'],
        summary: 'Add an identifier to the signed-in user',
        body: Type.Object({ identifierType: Type.String(), value: Type.String() }),
        response: withErrors({ 200: GenericResponse }),
      },
    },
    async (request, reply) => {
      const { user } = await requireSession(context, request);
      await createMeIdentifier(context.deps, user, request.body);
      return genericOkBody(request, reply);
    },
  );
};
