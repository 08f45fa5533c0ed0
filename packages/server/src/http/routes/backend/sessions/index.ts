import type { RouteModule } from '../../../route-context.js';
import { listSessionsRoute } from './list-sessions.route.js';
import { postLoginRoute } from './post-login.route.js';
import { revokeSessionRoute } from './revoke-session.route.js';

/** Sessions in the Backend API: list, revoke, and postLogin (which issues them). */
export const sessionsRoutes: RouteModule[] = [
  listSessionsRoute,
  revokeSessionRoute,
  postLoginRoute,
];
