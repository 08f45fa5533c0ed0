import type { RouteModule } from '../../../route-context.js';
import { createChallengeRoute } from './create-challenge.route.js';
import { updateChallengeRoute } from './update-challenge.route.js';

export const challengesRoutes: RouteModule[] = [createChallengeRoute, updateChallengeRoute];
