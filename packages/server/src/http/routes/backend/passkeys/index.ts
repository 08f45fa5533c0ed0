import type { RouteModule } from '../../../route-context.js';
import { appendFinishRoute } from './append-finish.route.js';
import { appendStartRoute } from './append-start.route.js';
import { loginFinishRoute } from './login-finish.route.js';
import { loginStartRoute } from './login-start.route.js';
import { mediationFinishRoute } from './mediation-finish.route.js';
import { mediationStartRoute } from './mediation-start.route.js';
import { verifySignedDataRoute } from './verify-signed-data.route.js';

/** The WebAuthn ceremonies under /v2/passkey (backend_api.yml's "outliers"). */
export const passkeysRoutes: RouteModule[] = [
  appendStartRoute,
  appendFinishRoute,
  loginStartRoute,
  loginFinishRoute,
  mediationStartRoute,
  mediationFinishRoute,
  verifySignedDataRoute,
];
