import type { RouteModule } from '../../../route-context.js';
import { connectAppendFinishRoute } from './connect-append-finish.route.js';
import { connectAppendStartRoute } from './connect-append-start.route.js';
import { connectEventsRoute } from './connect-events.route.js';
import { connectLoginFinishRoute } from './connect-login-finish.route.js';
import { connectLoginStartRoute } from './connect-login-start.route.js';
import { connectManageDeleteRoute, connectManageListRoute } from './connect-manage.route.js';
import {
  connectAppendInitRoute,
  connectLoginInitRoute,
  connectManageInitRoute,
} from './init-connect.route.js';

/** The CorbadoConnect operations of spec_v2.yaml under /v2/connect (docs/connect.md). */
export const connectRoutes: RouteModule[] = [
  connectLoginInitRoute,
  connectLoginStartRoute,
  connectLoginFinishRoute,
  connectAppendInitRoute,
  connectAppendStartRoute,
  connectAppendFinishRoute,
  connectManageInitRoute,
  connectManageListRoute,
  connectManageDeleteRoute,
  connectEventsRoute,
];
