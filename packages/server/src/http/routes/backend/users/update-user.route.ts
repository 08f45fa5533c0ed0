import { Type } from 'typebox';
import { updateUser } from '../../../../core/users/update-user.js';
import type { RouteModule } from '../../../route-context.js';
import { withErrors } from '../../../schemas/common.schema.js';
import { toWireUser, User, UserIdParams, UserStatus } from './user.schema.js';

/** PATCH /v2/users/{userID} (UserUpdate). */
export const updateUserRoute: RouteModule = (app, { deps }) => {
  app.patch(
    '/users/:userID',
    {
      schema: {
        operationId: 'UserUpdate',
        tags: ['Users'],
        summary: 'Update a user',
        params: UserIdParams,
        body: Type.Object({
          fullName: Type.Optional(Type.String({ maxLength: 256 })),
          status: Type.Optional(UserStatus),
        }),
        response: withErrors({ 200: User }),
      },
    },
    async (request) => {
      const user = await updateUser(deps, request.projectId, request.params.userID, request.body);
      return toWireUser(user);
    },
  );
};
