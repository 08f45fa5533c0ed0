import type { RouteModule } from '../../../route-context.js';
import { createAuthEventRoute } from './create-auth-event.route.js';
import { createPasskeyEventRoute } from './create-passkey-event.route.js';
import { deletePasskeyEventRoute } from './delete-passkey-event.route.js';
import { listPasskeyEventsRoute } from './list-passkey-events.route.js';

export const eventsRoutes: RouteModule[] = [
  createAuthEventRoute,
  createPasskeyEventRoute,
  listPasskeyEventsRoute,
  deletePasskeyEventRoute,
];
