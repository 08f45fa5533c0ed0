import { Type } from 'typebox';
import { toCeremonyClientInformation } from '../../../../core/me/frontend-client-information.js';
import { startAppend } from '../../../../core/passkeys/ceremonies/start-append.js';
import { requireSession } from '../../../frontend-session.js';
import type { RouteModule } from '../../../route-context.js';
import { withErrors } from '../../../schemas/common.schema.js';
import { FrontendClientInformation } from '../frontend.schema.js';

/**
 * POST /v2/me/passkeys/append/start (CurrentUserPasskeyAppendStart): registration options
 * for a new passkey of the signed-in user (the user asked, so the decision engine is told to
 * allow it). The ceremony is bound to the session: the finish must come with it.
 */
export const startMePasskeyAppendRoute: RouteModule = (app, context) => {
  app.post(
    '/me/passkeys/append/start',
    {
      schema: {
        operationId: 'CurrentUserPasskeyAppendStart',
        tags: ['Frontend API'],
        summary: 'Start adding a passkey for the signed-in user',
        body: Type.Object({ clientInformation: FrontendClientInformation }),
        response: withErrors({
          200: Type.Object({
            attestationOptions: Type.String(),
            newClientEnvHandle: Type.Optional(Type.String()),
            appendNotAllowedReason: Type.Optional(Type.String()),
          }),
        }),
      },
    },
    async (request) => {
      const { user, session } = await requireSession(context, request);
      const result = await startAppend(context.passkeys, request.frontendProject, {
        userID: user.id,
        processID: session.id,
        username: session.identifierValue,
        clientInformation: toCeremonyClientInformation(request.body.clientInformation, {
          remoteAddress: request.ip,
          userAgent: request.headers['user-agent'],
        }),
        passkeyIntelFlags: { forcePasskeyAppend: true },
      });
      return { attestationOptions: result.attestationOptions };
    },
  );
};
