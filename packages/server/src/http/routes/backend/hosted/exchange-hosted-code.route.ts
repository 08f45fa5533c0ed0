import { Type } from 'typebox';
import { exchangeHostedCode } from '../../../../core/hosted/exchange-hosted-code.js';
import { maxRedirectUrlLength } from '../../../../core/projects/redirect-urls.js';
import type { RouteModule } from '../../../route-context.js';
import { withErrors } from '../../../schemas/common.schema.js';
import { sessionDepsOf } from '../../../session-deps.js';

const ExchangeBody = Type.Object({
  code: Type.String({ maxLength: 128, description: 'The `code` of the redirect' }),
  redirectURI: Type.String({
    maxLength: maxRedirectUrlLength,
    description: 'The redirect_uri the hosted page was opened with, exactly',
  }),
});

const ExchangeResponse = Type.Object({
  sessionToken: Type.String({ description: 'Session JWT; verify it with /.well-known/jwks' }),
  sessionTokenExpiresMs: Type.Integer(),
  longSession: Type.String({ description: 'Refresh token of the new long session' }),
  sessionID: Type.String(),
  userID: Type.String(),
});

/**
 * POST /v2/hosted/exchange (a Latchkey extension, docs/hosted-pages.md): the application's
 * backend exchanges the one-time code from a hosted page's redirect for a new session of
 * the user, once, within 60 s, for the redirect URI it was issued for.
 */
export const exchangeHostedCodeRoute: RouteModule = (app, context) => {
  const deps = sessionDepsOf(context);
  app.post(
    '/hosted/exchange',
    {
      schema: {
        operationId: 'HostedCodeExchange',
        tags: ['Latchkey extension'],
        summary: "Exchange a hosted page's one-time code for a session",
        body: ExchangeBody,
        response: withErrors({ 200: ExchangeResponse }),
      },
    },
    async (request) => {
      const issued = await exchangeHostedCode(deps, request.project, {
        code: request.body.code,
        redirectUri: request.body.redirectURI,
      });
      return {
        sessionToken: issued.sessionToken,
        sessionTokenExpiresMs: issued.sessionTokenExpiresAt,
        longSession: issued.refreshToken,
        sessionID: issued.session.id,
        userID: issued.session.userId,
      };
    },
  );
};
