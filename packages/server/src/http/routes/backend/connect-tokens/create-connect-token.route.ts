import { Type } from 'typebox';
import { createConnectToken } from '../../../../core/connect-tokens/create-connect-token.js';
import type { RouteModule } from '../../../route-context.js';
import { withErrors } from '../../../schemas/common.schema.js';
import {
  ConnectToken,
  ConnectTokenDataInput,
  ConnectTokenType,
  toWireConnectToken,
} from './connect-token.schema.js';

/** POST /v2/connectTokens (ConnectTokenCreate): the secret is in this answer only. */
export const createConnectTokenRoute: RouteModule = (app, { deps }) => {
  app.post(
    '/connectTokens',
    {
      schema: {
        operationId: 'ConnectTokenCreate',
        tags: ['ConnectTokens'],
        summary: 'Create a connectToken',
        body: Type.Object({
          type: ConnectTokenType,
          data: ConnectTokenDataInput,
          maxLifetimeInSeconds: Type.Optional(
            Type.Integer({ description: 'Default 600; at most 3600 (longer asks are shortened)' }),
          ),
        }),
        response: withErrors({ 200: ConnectToken }),
      },
    },
    async (request) => {
      const { token, secret } = await createConnectToken(deps, request.projectId, request.body);
      return { ...toWireConnectToken(token), secret };
    },
  );
};
