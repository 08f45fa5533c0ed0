import type { RouteModule } from '../../../route-context.js';
import { createConnectTokenRoute } from './create-connect-token.route.js';
import { deleteConnectTokenRoute } from './delete-connect-token.route.js';
import { listConnectTokensRoute } from './list-connect-tokens.route.js';
import { updateConnectTokenRoute } from './update-connect-token.route.js';

export const connectTokensRoutes: RouteModule[] = [
  createConnectTokenRoute,
  listConnectTokensRoute,
  updateConnectTokenRoute,
  deleteConnectTokenRoute,
];
