import { finishLogin } from '../../../../core/passkeys/ceremonies/finish-login.js';
import type { RouteModule } from '../../../route-context.js';
import { withErrors } from '../../../schemas/common.schema.js';
import { MediationFinishBody, MediationFinishResponse } from './passkey.schema.js';

/** POST /v2/passkey/mediation/finish (PasskeyMediationFinish). */
export const mediationFinishRoute: RouteModule = (app, { passkeys }) => {
  app.post(
    '/passkey/mediation/finish',
    {
      schema: {
        operationId: 'PasskeyMediationFinish',
        tags: ['Passkeys'],
        summary: 'Finish login with an existing passkey (Conditional UI)',
        body: MediationFinishBody,
        response: withErrors({ 200: MediationFinishResponse }),
      },
    },
    async (request) => finishLogin(passkeys, request.project, 'mediation', request.body),
  );
};
