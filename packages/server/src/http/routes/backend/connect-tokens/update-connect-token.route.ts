import { Type } from 'typebox';
import { updateConnectToken } from '../../../../core/connect-tokens/update-connect-token.js';
import { genericOkBody } from '../../../error-envelope.js';
import type { RouteModule } from '../../../route-context.js';
import { GenericResponse, withErrors } from '../../../schemas/common.schema.js';
import { ConnectTokenIdParams, ConnectTokenStatus } from './connect-token.schema.js';

/** PATCH /v2/connectTokens/{connectTokenID} (ConnectTokenUpdate). */
export const updateConnectTokenRoute: RouteModule = (app, { deps }) => {
  app.patch(
    '/connectTokens/:connectTokenID',
    {
      schema: {
        operationId: 'ConnectTokenUpdate',
        tags: ['ConnectTokens'],
        summary: 'Update a ConnectToken',
        params: ConnectTokenIdParams,
        body: Type.Object({ status: ConnectTokenStatus }),
        response: withErrors({ 200: GenericResponse }),
      },
    },
    async (request, reply) => {
      await updateConnectToken(
        deps,
        request.projectId,
        request.params.connectTokenID,
        request.body,
      );
      return genericOkBody(request, reply);
    },
  );
};
