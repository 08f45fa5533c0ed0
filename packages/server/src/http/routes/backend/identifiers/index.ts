import type { RouteModule } from '../../../route-context.js';
import { createIdentifierRoute } from './create-identifier.route.js';
import { deleteIdentifierRoute } from './delete-identifier.route.js';
import { listIdentifiersRoute } from './list-identifiers.route.js';
import { updateIdentifierRoute } from './update-identifier.route.js';

export const identifiersRoutes: RouteModule[] = [
  createIdentifierRoute,
  updateIdentifierRoute,
  deleteIdentifierRoute,
  listIdentifiersRoute,
];
