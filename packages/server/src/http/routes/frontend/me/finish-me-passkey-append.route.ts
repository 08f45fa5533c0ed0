import { Type } from 'typebox';
import { toCeremonyClientInformation } from '../../../../core/me/frontend-client-information.js';
import { finishAppend } from '../../../../core/passkeys/ceremonies/finish-append.js';
import { genericOkBody } from '../../../error-envelope.js';
import { requireSession } from '../../../frontend-session.js';
import type { RouteModule } from '../../../route-context.js';
import { GenericResponse, withErrors } from '../../../schemas/common.schema.js';
import { FrontendClientInformation } from '../frontend.schema.js';

/** POST /v2/me/passkeys/append/finish (CurrentUserPasskeyAppendFinish): stores the new passkey. */
export const finishMePasskeyAppendRoute: RouteModule = (app, context) => {
  app.post(
    '/me/passkeys/append/finish',
    {
      schema: {
        operationId: 'CurrentUserPasskeyAppendFinish',
        tags: ['Frontend API'],
        summary: 'Finish adding a passkey for the signed-in user',
        body: Type.Object({
          attestationResponse: Type.String(),
          clientInformation: FrontendClientInformation,
        }),
        response: withErrors({ 200: GenericResponse }),
      },
    },
    async (request, reply) => {
      const { user, session } = await requireSession(context, request);
      await finishAppend(context.passkeys, request.frontendProject, {
        userID: user.id,
        processID: session.id,
        attestationResponse: request.body.attestationResponse,
        clientInformation: toCeremonyClientInformation(request.body.clientInformation, {
          remoteAddress: request.ip,
          userAgent: request.headers['user-agent'],
        }),
        trackingID: undefined,
      });
      return genericOkBody(request, reply);
    },
  );
};
