import { Type } from 'typebox';
import type { RouteModule } from '../../../route-context.js';
import { FrontendClientInformation } from '../frontend.schema.js';
import { registerProcessStep } from './process-step-route.js';

/** POST /v2/auth/passkey/append/start (PasskeyAppendStart): fresh creation options. */
export const passkeyAppendStartRoute: RouteModule = (app, context) =>
  registerProcessStep(app, context, {
    url: '/auth/passkey/append/start',
    operationId: 'PasskeyAppendStart',
    summary: 'Restart creating a passkey',
    action: 'passkeyAppendStart',
    body: Type.Object({ clientInformation: Type.Optional(FrontendClientInformation) }),
  });
