import { Type } from 'typebox';
import { frontendApiUrlOf } from '../../../../core/sessions/frontend-api-url.js';
import { sessionCookieSettingsOf } from '../../../../core/sessions/session-cookies.js';
import type { RouteModule } from '../../../route-context.js';
import { StringEnum, withErrors } from '../../../schemas/common.schema.js';

/** spec_v2.yaml `sessionConfigRsp`. */
const SessionConfigResponse = Type.Object({
  useSessionManagement: Type.Boolean(),
  shortSessionCookieConfig: Type.Object({
    domain: Type.String(),
    secure: Type.Boolean(),
    sameSite: StringEnum(['lax', 'strict', 'none'] as const),
    path: Type.String(),
    lifetimeSeconds: Type.Integer(),
  }),
  frontendApiUrl: Type.String(),
});

/**
 * GET /v2/session-config (GetSessionConfig): how a web SDK should keep the session token in
 * a cookie for the application's own backend: the project's cookie settings (an empty
 * `domain` means a host-only cookie) and the Frontend API URL. Latchkey always manages
 * sessions, so `useSessionManagement` is true.
 */
export const sessionConfigRoute: RouteModule = (app, context) => {
  app.get(
    '/session-config',
    {
      schema: {
        operationId: 'GetSessionConfig',
        tags: ['Frontend API'],
        summary: 'Session and cookie settings of the project',
        response: withErrors({ 200: SessionConfigResponse }),
      },
    },
    async (request) => {
      const project = request.frontendProject;
      const cookies = sessionCookieSettingsOf(project, context.publicUrl);
      return {
        useSessionManagement: true,
        shortSessionCookieConfig: {
          domain: cookies.domain ?? '',
          secure: cookies.secure,
          sameSite: cookies.sameSite,
          path: '/',
          lifetimeSeconds: cookies.lifetimeSeconds,
        },
        frontendApiUrl: frontendApiUrlOf(project, context.publicUrl),
      };
    },
  );
};
