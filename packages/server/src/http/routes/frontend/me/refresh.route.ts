import { Type } from 'typebox';
import { isLatchkeyError, LatchkeyError } from '../../../../core/errors.js';
import { refreshSession } from '../../../../core/sessions/refresh-session.js';
import { sessionSettingsOf } from '../../../../core/sessions/session-settings.js';
import {
  clearSessionCookies,
  refreshTokenOf,
  setSessionCookies,
} from '../../../frontend-session.js';
import type { RouteModule } from '../../../route-context.js';
import { withErrors } from '../../../schemas/common.schema.js';
import { sessionDepsOf } from '../../../session-deps.js';

/**
 * spec_v2.yaml `meRefreshRsp` (`shortSession`), plus `sessionToken` (the same token, under
 * the name newer Corbado SDKs read) and `longSession` (the new refresh token) for apps.
 */
const RefreshResponse = Type.Object({
  shortSession: Type.String(),
  sessionToken: Type.String(),
  longSession: Type.Optional(Type.String()),
});

/**
 * POST /v2/me/refresh (CurrentUserSessionRefresh): rotates the refresh token (cookie
 * `cbo_refresh_token`, or `Authorization: Bearer` for apps) and answers a new session token.
 * A browser's new refresh token goes back in the cookie (in the body as well only for `dev`
 * projects); an app's comes back in the body as `longSession`.
 */
export const refreshRoute: RouteModule = (app, context) => {
  const deps = sessionDepsOf(context);
  app.post(
    '/me/refresh',
    {
      schema: {
        operationId: 'CurrentUserSessionRefresh',
        tags: ['Frontend API'],
        summary: 'Refresh the session',
        response: withErrors({ 200: RefreshResponse }),
      },
    },
    async (request, reply) => {
      const project = request.frontendProject;
      const presented = refreshTokenOf(request);
      if (!presented) {
        throw new LatchkeyError(
          'SESSION_MISSING',
          'send the refresh token in the cbo_refresh_token cookie or as Authorization: Bearer',
        );
      }
      let issued: Awaited<ReturnType<typeof refreshSession>>;
      try {
        issued = await refreshSession(deps, project.id, {
          refreshToken: presented.token,
          clientAddress: request.ip,
        });
      } catch (error) {
        // A dead refresh cookie is removed, so the browser stops sending it.
        if (
          presented.source === 'cookie' &&
          isLatchkeyError(error) &&
          error.code === 'SESSION_INVALID'
        ) {
          clearSessionCookies(reply, project, context.publicUrl);
        }
        throw error;
      }
      const inBody =
        presented.source === 'bearer' || sessionSettingsOf(project).environment === 'dev';
      if (presented.source === 'cookie') {
        setSessionCookies(reply, project, context.publicUrl, issued, deps.clock.now());
      }
      return {
        shortSession: issued.sessionToken,
        sessionToken: issued.sessionToken,
        ...(inBody && { longSession: issued.refreshToken }),
      };
    },
  );
};
