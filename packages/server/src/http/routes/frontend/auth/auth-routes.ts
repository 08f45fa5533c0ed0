import type { RouteModule } from '../../../route-context.js';
import { blockSkipRoute } from './block-skip.route.js';
import { createEventRoute } from './create-event.route.js';
import { identifierUpdateRoute } from './identifier-update.route.js';
import { identifierVerifyFinishRoute } from './identifier-verify-finish.route.js';
import { identifierVerifyStartRoute } from './identifier-verify-start.route.js';
import { identifierVerifyStatusRoute } from './identifier-verify-status.route.js';
import { loginInitRoute } from './login-init.route.js';
import { passkeyAppendFinishRoute } from './passkey-append-finish.route.js';
import { passkeyAppendStartRoute } from './passkey-append-start.route.js';
import { passkeyLoginFinishRoute } from './passkey-login-finish.route.js';
import { passkeyLoginStartRoute } from './passkey-login-start.route.js';
import { passkeyMediationFinishRoute } from './passkey-mediation-finish.route.js';
import { processCompleteRoute } from './process-complete.route.js';
import { processGetRoute } from './process-get.route.js';
import { processInitRoute } from './process-init.route.js';
import { processResetRoute } from './process-reset.route.js';
import { signupInitRoute } from './signup-init.route.js';

/** spec_v2.yaml's `Auth` operations (social login aside): the process and its steps. */
export const authRoutes: RouteModule[] = [
  processInitRoute,
  processGetRoute,
  processCompleteRoute,
  processResetRoute,
  signupInitRoute,
  loginInitRoute,
  blockSkipRoute,
  passkeyAppendStartRoute,
  passkeyAppendFinishRoute,
  passkeyLoginStartRoute,
  passkeyLoginFinishRoute,
  passkeyMediationFinishRoute,
  identifierVerifyStartRoute,
  identifierVerifyFinishRoute,
  identifierVerifyStatusRoute,
  identifierUpdateRoute,
  createEventRoute,
];
