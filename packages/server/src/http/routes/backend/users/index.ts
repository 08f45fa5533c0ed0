import type { RouteModule } from '../../../route-context.js';
import { createUserRoute } from './create-user.route.js';
import { deleteUserRoute } from './delete-user.route.js';
import { getUserRoute } from './get-user.route.js';
import { listUsersRoute } from './list-users.route.js';
import { updateUserRoute } from './update-user.route.js';

export const userRoutes: RouteModule[] = [
  createUserRoute,
  listUsersRoute,
  getUserRoute,
  updateUserRoute,
  deleteUserRoute,
];
