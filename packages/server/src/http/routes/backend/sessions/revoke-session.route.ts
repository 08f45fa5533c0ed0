import { revokeSession } from '../../../../core/sessions/end-session.js';
import { genericOkBody } from '../../../error-envelope.js';
import type { RouteModule } from '../../../route-context.js';
import { GenericResponse, withErrors } from '../../../schemas/common.schema.js';
import { SessionIdParams } from './session.schema.js';

/** POST /v2/sessions/{sessionID}/revoke (SessionRevoke): the refresh token stops working at once. */
export const revokeSessionRoute: RouteModule = (app, { deps }) => {
  app.post(
    '/sessions/:sessionID/revoke',
    {
      schema: {
        operationId: 'SessionRevoke',
        tags: ['Sessions'],
        summary: 'Revoke a session',
        params: SessionIdParams,
        response: withErrors({ 200: GenericResponse }),
      },
    },
    async (request, reply) => {
      await revokeSession(deps, request.projectId, request.params.sessionID);
      return genericOkBody(request, reply);
    },
  );
};
