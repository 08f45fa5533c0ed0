import { Type } from 'typebox';
import { connectLoginSources, startConnectLogin } from '../../../../core/connect/connect-login.js';
import type { RouteModule } from '../../../route-context.js';
import { withErrors } from '../../../schemas/common.schema.js';
import { connectDepsOf, processTokenOf } from './connect.schema.js';

/** POST /v2/connect/login/start (ConnectLoginStart): request options for the identifier. */
export const connectLoginStartRoute: RouteModule = (app, context) => {
  app.post(
    '/connect/login/start',
    {
      schema: {
        operationId: 'ConnectLoginStart',
        tags: ['Frontend API'],
        summary: 'Start a Connect passkey login',
        body: Type.Object({
          identifier: Type.String(),
          source: Type.Union(connectLoginSources.map((source) => Type.Literal(source))),
          loadedMs: Type.Integer(),
          loginConnectToken: Type.Optional(Type.String()),
        }),
        response: withErrors({
          200: Type.Object({ assertionOptions: Type.String(), isCDA: Type.Boolean() }),
        }),
      },
    },
    async (request) =>
      startConnectLogin(connectDepsOf(context), request.frontendProject, {
        processToken: processTokenOf(request),
        ...request.body,
        clientAddress: request.ip,
      }),
  );
};
