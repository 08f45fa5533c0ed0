import type { RouteContext, TypedApp } from '../../route-context.js';
import { webauthnWellKnownRoute } from './webauthn.route.js';

/** Routes under `/.well-known/` (RFC 8615): public, unauthenticated, outside /v2. */
export function registerWellKnownRoutes(app: TypedApp, context: Pick<RouteContext, 'deps'>) {
  webauthnWellKnownRoute(app, context);
}
