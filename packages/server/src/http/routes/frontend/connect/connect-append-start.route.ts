import { Type } from 'typebox';
import { startConnectAppend } from '../../../../core/connect/connect-append.js';
import type { RouteModule } from '../../../route-context.js';
import { withErrors } from '../../../schemas/common.schema.js';
import { connectDepsOf, processTokenOf } from './connect.schema.js';

/** POST /v2/connect/append/start (ConnectAppendStart): spends the append token, creation options. */
export const connectAppendStartRoute: RouteModule = (app, context) => {
  app.post(
    '/connect/append/start',
    {
      schema: {
        operationId: 'ConnectAppendStart',
        tags: ['Frontend API'],
        summary: 'Start a Connect passkey append',
        body: Type.Object({
          appendTokenValue: Type.String(),
          forcePasskeyAppend: Type.Optional(Type.Boolean()),
          loadedMs: Type.Integer(),
        }),
        response: withErrors({
          200: Type.Object({
            attestationOptions: Type.String(),
            variant: Type.Union([
              Type.Literal('default'),
              Type.Literal('after-hybrid'),
              Type.Literal('after-error'),
            ]),
          }),
        }),
      },
    },
    async (request) =>
      startConnectAppend(connectDepsOf(context), request.frontendProject, {
        processToken: processTokenOf(request),
        ...request.body,
      }),
  );
};
