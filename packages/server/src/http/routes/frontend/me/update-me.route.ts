import { Type } from 'typebox';
import { updateUser } from '../../../../core/users/update-user.js';
import { genericOkBody } from '../../../error-envelope.js';
import { requireSession } from '../../../frontend-session.js';
import type { RouteModule } from '../../../route-context.js';
import { GenericResponse, withErrors } from '../../../schemas/common.schema.js';

/** PATCH /v2/me (CurrentUserUpdate): changes the signed-in user's full name. */
export const updateMeRoute: RouteModule = (app, context) => {
  app.patch(
    '/me',
    {
      schema: {
        operationId: 'CurrentUserUpdate',
        tags: ['Frontend API'],
        summary: 'Update the signed-in user',
        body: Type.Object({ fullName: Type.String() }),
        response: withErrors({ 200: GenericResponse }),
      },
    },
    async (request, reply) => {
      const { user } = await requireSession(context, request);
      await updateUser(context.deps, user.projectId, user.id, { fullName: request.body.fullName });
      return genericOkBody(request, reply);
    },
  );
};
