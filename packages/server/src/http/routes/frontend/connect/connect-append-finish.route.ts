import { Type } from 'typebox';
import { finishConnectAppend } from '../../../../core/connect/connect-append.js';
import type { RouteModule } from '../../../route-context.js';
import { withErrors } from '../../../schemas/common.schema.js';
import { connectDepsOf, PasskeyOperation, processTokenOf } from './connect.schema.js';

/** POST /v2/connect/append/finish (ConnectAppendFinish): stores the new passkey. */
export const connectAppendFinishRoute: RouteModule = (app, context) => {
  app.post(
    '/connect/append/finish',
    {
      schema: {
        operationId: 'ConnectAppendFinish',
        tags: ['Frontend API'],
        summary: 'Finish a Connect passkey append',
        body: Type.Object({ attestationResponse: Type.String() }),
        response: withErrors({ 200: Type.Object({ passkeyOperation: PasskeyOperation }) }),
      },
    },
    async (request) =>
      finishConnectAppend(connectDepsOf(context), request.frontendProject, {
        processToken: processTokenOf(request),
        attestationResponse: request.body.attestationResponse,
      }),
  );
};
