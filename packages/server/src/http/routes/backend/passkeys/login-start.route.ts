import { startLogin } from '../../../../core/passkeys/ceremonies/start-login.js';
import type { RouteModule } from '../../../route-context.js';
import { withErrors } from '../../../schemas/common.schema.js';
import { LoginStartBody, LoginStartResponse } from './passkey.schema.js';

/** POST /v2/passkey/login/start (PasskeyLoginStart). */
export const loginStartRoute: RouteModule = (app, { passkeys }) => {
  app.post(
    '/passkey/login/start',
    {
      schema: {
        operationId: 'PasskeyLoginStart',
        tags: ['Passkeys'],
        summary: 'Start login with an existing passkey',
        body: LoginStartBody,
        response: withErrors({ 200: LoginStartResponse }),
      },
    },
    async (request) => startLogin(passkeys, request.project, request.body),
  );
};
