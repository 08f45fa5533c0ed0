import type { RouteModule } from '../../../route-context.js';
import { deleteCredentialRoute } from './delete-credential.route.js';
import { listCredentialsRoute } from './list-credentials.route.js';

/** A user's passkeys: /v2/users/{userID}/credentials. */
export const credentialsRoutes: RouteModule[] = [listCredentialsRoute, deleteCredentialRoute];
