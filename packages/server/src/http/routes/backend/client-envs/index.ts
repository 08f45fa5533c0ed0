import type { RouteModule } from '../../../route-context.js';
import { listClientEnvsRoute } from './list-client-envs.route.js';
import { listPasswordManagersRoute } from './list-password-managers.route.js';

/** Where a user's passkeys live: /v2/users/{userID}/clientEnvs and /passwordManagers. */
export const clientEnvsRoutes: RouteModule[] = [listClientEnvsRoute, listPasswordManagersRoute];
