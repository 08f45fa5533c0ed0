import type { RouteModule } from '../../../route-context.js';
import { SignedChallenge } from './process-response.js';
import { registerProcessStep } from './process-step-route.js';

/** POST /v2/auth/passkey/login/finish (PasskeyLoginFinish): the assertion of an identifier-first login. */
export const passkeyLoginFinishRoute: RouteModule = (app, context) =>
  registerProcessStep(app, context, {
    url: '/auth/passkey/login/finish',
    operationId: 'PasskeyLoginFinish',
    summary: 'Finish a passkey login',
    action: 'passkeyLoginFinish',
    body: SignedChallenge,
  });
