import { deleteConnectToken } from '../../../../core/connect-tokens/delete-connect-token.js';
import { genericOkBody } from '../../../error-envelope.js';
import type { RouteModule } from '../../../route-context.js';
import { GenericResponse, withErrors } from '../../../schemas/common.schema.js';
import { ConnectTokenIdParams } from './connect-token.schema.js';

/** DELETE /v2/connectTokens/{connectTokenID} (ConnectTokenDelete). */
export const deleteConnectTokenRoute: RouteModule = (app, { deps }) => {
  app.delete(
    '/connectTokens/:connectTokenID',
    {
      schema: {
        operationId: 'ConnectTokenDelete',
        tags: ['ConnectTokens'],
        summary: 'Delete a ConnectToken',
        params: ConnectTokenIdParams,
        response: withErrors({ 200: GenericResponse }),
      },
    },
    async (request, reply) => {
      await deleteConnectToken(deps, request.projectId, request.params.connectTokenID);
      return genericOkBody(request, reply);
    },
  );
};
