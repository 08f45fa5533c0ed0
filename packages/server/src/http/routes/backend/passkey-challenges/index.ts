import type { RouteModule } from '../../../route-context.js';
import { listPasskeyChallengesRoute } from './list-passkey-challenges.route.js';
import { updatePasskeyChallengeRoute } from './update-passkey-challenge.route.js';

/** A user's WebAuthn challenges: /v2/users/{userID}/passkeyChallenges. */
export const passkeyChallengesRoutes: RouteModule[] = [
  listPasskeyChallengesRoute,
  updatePasskeyChallengeRoute,
];
