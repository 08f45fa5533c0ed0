import { listPasswordManagers } from '../../../../core/passkeys/records/list-password-managers.js';
import type { RouteModule } from '../../../route-context.js';
import { withErrors } from '../../../schemas/common.schema.js';
import { UserIdParams } from '../events/event.schema.js';
import { PasswordManagerList, toWirePasswordManager } from './client-env.schema.js';

/** GET /v2/users/{userID}/passwordManagers (PasswordManagerList). */
export const listPasswordManagersRoute: RouteModule = (app, { deps }) => {
  app.get(
    '/users/:userID/passwordManagers',
    {
      schema: {
        operationId: 'PasswordManagerList',
        tags: ['PasswordManagers'],
        summary: 'List password managers for a user',
        params: UserIdParams,
        response: withErrors({ 200: PasswordManagerList }),
      },
    },
    async (request) => {
      const managers = await listPasswordManagers(deps, request.projectId, request.params.userID);
      return { passwordManagers: managers.map(toWirePasswordManager) };
    },
  );
};
