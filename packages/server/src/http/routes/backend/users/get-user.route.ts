import { getUser } from '../../../../core/users/get-user.js';
import type { RouteModule } from '../../../route-context.js';
import { withErrors } from '../../../schemas/common.schema.js';
import { toWireUser, User, UserIdParams } from './user.schema.js';

/** GET /v2/users/{userID} (UserGet). */
export const getUserRoute: RouteModule = (app, { deps }) => {
  app.get(
    '/users/:userID',
    {
      schema: {
        operationId: 'UserGet',
        tags: ['Users'],
        summary: 'Retrieve a user',
        params: UserIdParams,
        response: withErrors({ 200: User }),
      },
    },
    async (request) => toWireUser(await getUser(deps, request.projectId, request.params.userID)),
  );
};
