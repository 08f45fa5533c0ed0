import { listClientEnvs } from '../../../../core/passkeys/records/list-client-envs.js';
import type { RouteModule } from '../../../route-context.js';
import { withErrors } from '../../../schemas/common.schema.js';
import { UserIdParams } from '../events/event.schema.js';
import { ClientEnvList, toWireClientEnv } from './client-env.schema.js';

/** GET /v2/users/{userID}/clientEnvs (ClientEnvList). */
export const listClientEnvsRoute: RouteModule = (app, { deps }) => {
  app.get(
    '/users/:userID/clientEnvs',
    {
      schema: {
        operationId: 'ClientEnvList',
        tags: ['ClientEnvs'],
        summary: 'List client environments for a user',
        params: UserIdParams,
        response: withErrors({ 200: ClientEnvList }),
      },
    },
    async (request) => {
      const envs = await listClientEnvs(deps, request.projectId, request.params.userID);
      return { clientEnvs: envs.map(toWireClientEnv) };
    },
  );
};
