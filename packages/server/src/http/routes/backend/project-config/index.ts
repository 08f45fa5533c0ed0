import type { RouteModule } from '../../../route-context.js';
import { updateCnameRoute } from './update-cname.route.js';

export const projectConfigRoutes: RouteModule[] = [updateCnameRoute];
