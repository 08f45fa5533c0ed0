import { Type } from 'typebox';
import { createUser } from '../../../../core/users/create-user.js';
import type { RouteModule } from '../../../route-context.js';
import { withErrors } from '../../../schemas/common.schema.js';
import { toWireUser, User, UserStatus } from './user.schema.js';

/** POST /v2/users (UserCreate). */
export const createUserRoute: RouteModule = (app, { deps }) => {
  app.post(
    '/users',
    {
      schema: {
        operationId: 'UserCreate',
        tags: ['Users'],
        summary: 'Create a new user',
        body: Type.Object({
          fullName: Type.Optional(Type.String({ maxLength: 256 })),
          status: UserStatus,
          explicitWebauthnID: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
        }),
        response: withErrors({ 200: User }),
      },
    },
    async (request) => {
      const { fullName, status, explicitWebauthnID } = request.body;
      const user = await createUser(deps, request.projectId, {
        fullName,
        status,
        explicitWebauthnId: explicitWebauthnID,
      });
      return toWireUser(user);
    },
  );
};
