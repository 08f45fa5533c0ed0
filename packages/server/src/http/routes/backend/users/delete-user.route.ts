import { deleteUser } from '../../../../core/users/delete-user.js';
import { genericOkBody } from '../../../error-envelope.js';
import type { RouteModule } from '../../../route-context.js';
import { GenericResponse, withErrors } from '../../../schemas/common.schema.js';
import { UserIdParams } from './user.schema.js';

/** DELETE /v2/users/{userID} (UserDelete). */
export const deleteUserRoute: RouteModule = (app, { deps }) => {
  app.delete(
    '/users/:userID',
    {
      schema: {
        operationId: 'UserDelete',
        tags: ['Users'],
        summary: 'Delete a user and everything that belongs to it',
        params: UserIdParams,
        response: withErrors({ 200: GenericResponse }),
      },
    },
    async (request, reply) => {
      await deleteUser(deps, request.projectId, request.params.userID);
      return genericOkBody(request, reply);
    },
  );
};
