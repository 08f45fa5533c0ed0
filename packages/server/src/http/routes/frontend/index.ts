import type { FastifyInstance } from 'fastify';
import { validateProcessTable } from '../../../core/process/run-process-step.js';
import { createFrontendCorsHook } from '../../plugins/frontend-cors.plugin.js';
import type { RouteContext, RouteModule, TypedApp } from '../../route-context.js';
import { authRoutes } from './auth/auth-routes.js';
import { sessionConfigRoute } from './config/session-config.route.js';
import { userDetailsConfigRoute } from './config/user-details-config.route.js';
import { connectRoutes } from './connect/index.js';
import { issueHostedCodeRoute } from './hosted/issue-hosted-code.route.js';
import { createMeIdentifierRoute } from './me/create-me-identifier.route.js';
import { deleteMeRoute } from './me/delete-me.route.js';
import { deleteMeIdentifierRoute } from './me/delete-me-identifier.route.js';
import { deleteMePasskeyRoute } from './me/delete-me-passkey.route.js';
import { finishMeIdentifierVerifyRoute } from './me/finish-me-identifier-verify.route.js';
import { finishMePasskeyAppendRoute } from './me/finish-me-passkey-append.route.js';
import { getMeRoute } from './me/get-me.route.js';
import { listMePasskeysRoute } from './me/list-me-passkeys.route.js';
import { logoutRoute } from './me/logout.route.js';
import { refreshRoute } from './me/refresh.route.js';
import { startMeIdentifierVerifyRoute } from './me/start-me-identifier-verify.route.js';
import { startMePasskeyAppendRoute } from './me/start-me-passkey-append.route.js';
import { updateMeRoute } from './me/update-me.route.js';
import { updateMeIdentifierRoute } from './me/update-me-identifier.route.js';

/** The Frontend API routes built so far (spec_v2.yaml): config endpoints, /v2/me, /v2/auth and /v2/connect. */
const frontendRoutes: RouteModule[] = [
  sessionConfigRoute,
  userDetailsConfigRoute,
  getMeRoute,
  updateMeRoute,
  deleteMeRoute,
  listMePasskeysRoute,
  startMePasskeyAppendRoute,
  finishMePasskeyAppendRoute,
  deleteMePasskeyRoute,
  refreshRoute,
  logoutRoute,
  createMeIdentifierRoute,
  updateMeIdentifierRoute,
  deleteMeIdentifierRoute,
  startMeIdentifierVerifyRoute,
  finishMeIdentifierVerifyRoute,
  ...authRoutes,
  ...connectRoutes,
  // Latchkey extension: the hosted pages' session handoff (docs/hosted-pages.md).
  issueHostedCodeRoute,
];

/**
 * The Frontend API under /v2, as an encapsulated plugin beside the Backend API: its own
 * `onRequest` hook resolves the project and applies CORS, and every path also answers
 * `OPTIONS` (the preflight, answered by that hook).
 */
export async function registerFrontendApi(app: FastifyInstance, context: RouteContext) {
  // A broken process table stops the start, not a user's login (STYLE.md: validated at start-up).
  validateProcessTable();
  await app.register(
    async (scope) => {
      scope.decorateRequest('frontendProject', null as never);
      scope.addHook('onRequest', createFrontendCorsHook(context.deps));
      const paths = new Set<string>();
      scope.addHook('onRoute', (route) => {
        if (route.method !== 'OPTIONS') paths.add(route.url);
      });
      for (const route of frontendRoutes) route(scope as unknown as TypedApp, context);
      for (const path of paths) {
        // The hook has answered a preflight before this runs; a bare OPTIONS gets 204 too.
        scope.options(
          path.slice('/v2'.length),
          { schema: { hide: true } },
          async (_request, reply) => reply.code(204).send(),
        );
      }
    },
    { prefix: '/v2' },
  );
}
