import { logoutByRefreshToken, logoutSession } from '../../../../core/sessions/end-session.js';
import { verifySessionToken } from '../../../../core/sessions/verify-session-token.js';
import { clearSessionCookies, refreshTokenOf, sessionTokenOf } from '../../../frontend-session.js';
import type { RouteModule } from '../../../route-context.js';

/**
 * POST /v2/me/logout (CurrentUserSessionLogout): ends the long session named by the refresh
 * token (cookie or Bearer) or, failing that, by a valid session token, and clears the
 * cookies. Always 204: logging out twice, or with a dead token, is no error.
 */
export const logoutRoute: RouteModule = (app, context) => {
  app.post(
    '/me/logout',
    {
      schema: {
        operationId: 'CurrentUserSessionLogout',
        tags: ['Frontend API'],
        summary: 'Log out',
      },
    },
    async (request, reply) => {
      const project = request.frontendProject;
      const refresh = refreshTokenOf(request);
      const ended = refresh
        ? await logoutByRefreshToken(context.deps, project.id, refresh.token)
        : false;
      const sessionToken = sessionTokenOf(request);
      if (!ended && sessionToken) {
        const verified = await verifySessionToken(
          { ...context.deps, publicUrl: context.publicUrl },
          project,
          sessionToken,
        ).catch(() => undefined);
        if (verified) await logoutSession(context.deps, project.id, verified.session.id);
      }
      clearSessionCookies(reply, project, context.publicUrl);
      return reply.code(204).send();
    },
  );
};
