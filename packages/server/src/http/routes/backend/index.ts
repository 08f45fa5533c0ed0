import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createBackendAuthHook } from '../../plugins/backend-auth.plugin.js';
import type { RouteContext, TypedApp } from '../../route-context.js';
import { challengesRoutes } from './challenges/index.js';
import { clientEnvsRoutes } from './client-envs/index.js';
import { connectTokensRoutes } from './connect-tokens/index.js';
import { credentialsRoutes } from './credentials/index.js';
import { eventsRoutes } from './events/index.js';
import { exchangeHostedCodeRoute } from './hosted/exchange-hosted-code.route.js';
import { identifiersRoutes } from './identifiers/index.js';
import { passkeyChallengesRoutes } from './passkey-challenges/index.js';
import { passkeysRoutes } from './passkeys/index.js';
import { projectConfigRoutes } from './project-config/index.js';
import { sessionsRoutes } from './sessions/index.js';
import { socialAccountsRoutes } from './social-accounts/index.js';
import { userRoutes } from './users/index.js';
import { webhookEndpointsRoutes } from './webhook-endpoints/index.js';

/** Every Backend API route module, one folder per resource of backend_api.yml. */
const backendRoutes = [
  ...userRoutes,
  ...identifiersRoutes,
  ...socialAccountsRoutes,
  ...challengesRoutes,
  ...connectTokensRoutes,
  ...eventsRoutes,
  ...projectConfigRoutes,
  ...webhookEndpointsRoutes,
  ...passkeysRoutes,
  ...credentialsRoutes,
  ...passkeyChallengesRoutes,
  ...clientEnvsRoutes,
  ...sessionsRoutes,
  // Latchkey extension: the hosted pages' code exchange (docs/hosted-pages.md).
  exchangeHostedCodeRoute,
];

/**
 * The Backend API (backend_api.yml) under /v2: every route behind HTTP Basic auth.
 * Registered as an encapsulated plugin, so the auth hook applies to these routes only.
 */
export async function registerBackendApi(app: FastifyInstance, context: RouteContext) {
  await app.register(
    async (scope) => {
      scope.decorateRequest('projectId', '');
      scope.decorateRequest('project', null as unknown as FastifyRequest['project']);
      scope.addHook('onRequest', createBackendAuthHook(context.deps, context.rateLimiter));
      for (const route of backendRoutes) route(scope as unknown as TypedApp, context);
    },
    { prefix: '/v2' },
  );
}
