import type { RouteModule } from '../../../route-context.js';
import { createSocialAccountRoute } from './create-social-account.route.js';
import { listSocialAccountsRoute } from './list-social-accounts.route.js';
import { listUserSocialAccountsRoute } from './list-user-social-accounts.route.js';

export const socialAccountsRoutes: RouteModule[] = [
  createSocialAccountRoute,
  listUserSocialAccountsRoute,
  listSocialAccountsRoute,
];
