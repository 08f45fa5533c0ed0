import type { RouteModule } from '../../../route-context.js';
import { SignedChallenge } from './process-response.js';
import { registerProcessStep } from './process-step-route.js';

/** POST /v2/auth/passkey/mediation/finish (PasskeyMediationFinish): the assertion of a conditional-UI login. */
export const passkeyMediationFinishRoute: RouteModule = (app, context) =>
  registerProcessStep(app, context, {
    url: '/auth/passkey/mediation/finish',
    operationId: 'PasskeyMediationFinish',
    summary: 'Finish a conditional-UI login',
    action: 'passkeyMediationFinish',
    body: SignedChallenge,
  });
