import type { RouteContext, TypedApp } from '../../route-context.js';
import { jwksRoutes } from './jwks.route.js';
import { webauthnWellKnownRoute } from './webauthn.route.js';

/** Routes under `/.well-known/` (RFC 8615): public, unauthenticated, outside /v2. */
export function registerWellKnownRoutes(
  app: TypedApp,
  context: Pick<RouteContext, 'deps' | 'passkeys'>,
) {
  webauthnWellKnownRoute(app, context);
  jwksRoutes(app, context);
}
