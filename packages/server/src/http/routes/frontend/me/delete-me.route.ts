import { deleteUser } from '../../../../core/users/delete-user.js';
import { genericOkBody } from '../../../error-envelope.js';
import { clearSessionCookies, requireSession } from '../../../frontend-session.js';
import type { RouteModule } from '../../../route-context.js';
import { GenericResponse, withErrors } from '../../../schemas/common.schema.js';

/**
 * DELETE /v2/me (CurrentUserDelete): deletes the signed-in user and with it every session,
 * passkey and identifier; the session cookies are cleared.
 */
export const deleteMeRoute: RouteModule = (app, context) => {
  app.delete(
    '/me',
    {
      schema: {
        operationId: 'CurrentUserDelete',
        tags: ['Frontend API'],
        summary: 'Delete the signed-in user',
        response: withErrors({ 200: GenericResponse }),
      },
    },
    async (request, reply) => {
      const { user } = await requireSession(context, request);
      await deleteUser(context.deps, user.projectId, user.id);
      clearSessionCookies(reply, request.frontendProject, context.publicUrl);
      return genericOkBody(request, reply);
    },
  );
};
