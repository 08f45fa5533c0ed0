import { Type } from 'typebox';
import type { RouteModule } from '../../../route-context.js';
import { FrontendClientInformation } from '../frontend.schema.js';
import { registerProcessStep } from './process-step-route.js';

/** POST /v2/auth/passkey/login/start (PasskeyLoginStart): fresh request options. */
export const passkeyLoginStartRoute: RouteModule = (app, context) =>
  registerProcessStep(app, context, {
    url: '/auth/passkey/login/start',
    operationId: 'PasskeyLoginStart',
    summary: 'Restart a passkey login',
    action: 'passkeyLoginStart',
    body: Type.Object({ clientInformation: Type.Optional(FrontendClientInformation) }),
  });
