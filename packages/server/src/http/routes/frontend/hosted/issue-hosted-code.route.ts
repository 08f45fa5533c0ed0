import { Type } from 'typebox';
import { issueHostedCode } from '../../../../core/hosted/issue-hosted-code.js';
import { maxRedirectUrlLength } from '../../../../core/projects/redirect-urls.js';
import { requireSession } from '../../../frontend-session.js';
import type { RouteModule } from '../../../route-context.js';
import { withErrors } from '../../../schemas/common.schema.js';

const IssueHostedCodeBody = Type.Object({
  redirectURI: Type.String({ minLength: 1, maxLength: maxRedirectUrlLength }),
  state: Type.Optional(Type.String({ maxLength: 512 })),
});

const IssueHostedCodeResponse = Type.Object({
  redirectURL: Type.String({ description: 'The redirect URI with ?code=… (and state)' }),
  expiresMs: Type.Integer({ description: 'When the code stops working (60 s)' }),
});

/**
 * POST /v2/hosted/code (a Latchkey extension, docs/hosted-pages.md): the hosted page's
 * script, signed in, asks for a one-time code for the redirect back to the application.
 * The session comes as `Authorization: Bearer` (or the session cookie); CORS has already
 * refused any origin that is not the project's.
 */
export const issueHostedCodeRoute: RouteModule = (app, context) => {
  app.post(
    '/hosted/code',
    {
      schema: {
        operationId: 'HostedCodeIssue',
        tags: ['Latchkey extension'],
        summary: 'Issue a one-time code for the redirect from a hosted page',
        body: IssueHostedCodeBody,
        response: withErrors({ 200: IssueHostedCodeResponse }),
      },
    },
    async (request) => {
      const signedIn = await requireSession(context, request);
      const issued = await issueHostedCode(
        { ...context.deps, rateLimiter: context.rateLimiter },
        request.frontendProject,
        signedIn,
        { redirectUri: request.body.redirectURI, state: request.body.state },
      );
      return { redirectURL: issued.redirectUrl, expiresMs: issued.expiresAt };
    },
  );
};
