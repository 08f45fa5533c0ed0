import { finishLogin } from '../../../../core/passkeys/ceremonies/finish-login.js';
import type { RouteModule } from '../../../route-context.js';
import { withErrors } from '../../../schemas/common.schema.js';
import { LoginFinishBody, LoginFinishResponse } from './passkey.schema.js';

/** POST /v2/passkey/login/finish (PasskeyLoginFinish). */
export const loginFinishRoute: RouteModule = (app, { passkeys }) => {
  app.post(
    '/passkey/login/finish',
    {
      schema: {
        operationId: 'PasskeyLoginFinish',
        tags: ['Passkeys'],
        summary: 'Finish login with an existing passkey',
        body: LoginFinishBody,
        response: withErrors({ 200: LoginFinishResponse }),
      },
    },
    async (request) => finishLogin(passkeys, request.project, 'login', request.body),
  );
};
