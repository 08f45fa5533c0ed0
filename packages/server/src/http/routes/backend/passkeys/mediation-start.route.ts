import { startMediation } from '../../../../core/passkeys/ceremonies/start-mediation.js';
import type { RouteModule } from '../../../route-context.js';
import { withErrors } from '../../../schemas/common.schema.js';
import { MediationStartBody, MediationStartResponse } from './passkey.schema.js';

/** POST /v2/passkey/mediation/start (PasskeyMediationStart). */
export const mediationStartRoute: RouteModule = (app, { passkeys }) => {
  app.post(
    '/passkey/mediation/start',
    {
      schema: {
        operationId: 'PasskeyMediationStart',
        tags: ['Passkeys'],
        summary: 'Start login with an existing passkey (Conditional UI)',
        body: MediationStartBody,
        response: withErrors({ 200: MediationStartResponse }),
      },
    },
    async (request) => startMediation(passkeys, request.project, request.body),
  );
};
