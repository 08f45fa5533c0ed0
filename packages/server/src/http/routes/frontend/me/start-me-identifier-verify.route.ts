import { Type } from 'typebox';
import { toCeremonyClientInformation } from '../../../../core/me/frontend-client-information.js';
import { startMeIdentifierVerify } from '../../../../core/me/start-me-identifier-verify.js';
import { genericOkBody } from '../../../error-envelope.js';
import { requireSession } from '../../../frontend-session.js';
import type { RouteModule } from '../../../route-context.js';
import { GenericResponse, withErrors } from '../../../schemas/common.schema.js';
import { FrontendClientInformation } from '../frontend.schema.js';

/** POST /v2/me/identifier/verify/start (CurrentUserIdentifierVerifyStart): sends a code. */
export const startMeIdentifierVerifyRoute: RouteModule = (app, context) => {
  app.post(
    '/me/identifier/verify/start',
    {
      schema: {
        operationId: 'CurrentUserIdentifierVerifyStart',
        tags: ['Frontend API'],
        summary: 'Send a code to verify an identifier of the signed-in user',
        body: Type.Object({
          identifierID: Type.String(),
          clientInformation: FrontendClientInformation,
        }),
        response: withErrors({ 200: GenericResponse }),
      },
    },
    async (request, reply) => {
      const { user } = await requireSession(context, request);
      await startMeIdentifierVerify({ ...context.deps, ...context }, user, {
        identifierID: request.body.identifierID,
        clientInformation: toCeremonyClientInformation(request.body.clientInformation, {
          remoteAddress: request.ip,
          userAgent: request.headers['user-agent'],
        }),
      });
      return genericOkBody(request, reply);
    },
  );
};
