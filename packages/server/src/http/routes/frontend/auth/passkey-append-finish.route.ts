import type { RouteModule } from '../../../route-context.js';
import { SignedChallenge } from './process-response.js';
import { registerProcessStep } from './process-step-route.js';

/** POST /v2/auth/passkey/append/finish (PasskeyAppendFinish): the new passkey. */
export const passkeyAppendFinishRoute: RouteModule = (app, context) =>
  registerProcessStep(app, context, {
    url: '/auth/passkey/append/finish',
    operationId: 'PasskeyAppendFinish',
    summary: 'Finish creating a passkey',
    action: 'passkeyAppendFinish',
    body: SignedChallenge,
  });
