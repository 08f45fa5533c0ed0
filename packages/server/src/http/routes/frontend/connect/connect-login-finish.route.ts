import { Type } from 'typebox';
import { finishConnectLogin } from '../../../../core/connect/connect-login.js';
import type { RouteModule } from '../../../route-context.js';
import { withErrors } from '../../../schemas/common.schema.js';
import { connectDepsOf, PasskeyOperation, processTokenOf } from './connect.schema.js';

/**
 * POST /v2/connect/login/finish (ConnectLoginFinish): the signed passkey data, under
 * `session` (the spec's field) and `signedPasskeyData` (the name newer clients read).
 */
export const connectLoginFinishRoute: RouteModule = (app, context) => {
  app.post(
    '/connect/login/finish',
    {
      schema: {
        operationId: 'ConnectLoginFinish',
        tags: ['Frontend API'],
        summary: 'Finish a Connect passkey login',
        body: Type.Object({
          isConditionalUI: Type.Boolean(),
          assertionResponse: Type.String(),
        }),
        response: withErrors({
          200: Type.Object({
            passkeyOperation: PasskeyOperation,
            session: Type.String(),
            signedPasskeyData: Type.String(),
          }),
        }),
      },
    },
    async (request) => {
      const result = await finishConnectLogin(connectDepsOf(context), request.frontendProject, {
        processToken: processTokenOf(request),
        ...request.body,
      });
      return {
        passkeyOperation: result.passkeyOperation,
        session: result.signedPasskeyData,
        signedPasskeyData: result.signedPasskeyData,
      };
    },
  );
};
