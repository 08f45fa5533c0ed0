import { Type } from 'typebox';
import type { RouteModule } from '../../../route-context.js';
import { LoginIdentifierType, VerificationMethod } from './process-response.js';
import { registerProcessStep } from './process-step-route.js';

/** POST /v2/auth/identifier/verify/finish (IdentifierVerifyFinish): checks the code. */
export const identifierVerifyFinishRoute: RouteModule = (app, context) =>
  registerProcessStep(app, context, {
    url: '/auth/identifier/verify/finish',
    operationId: 'IdentifierVerifyFinish',
    summary: 'Check a verification code',
    action: 'identifierVerifyFinish',
    body: Type.Object({
      code: Type.String({ maxLength: 128 }),
      identifierType: LoginIdentifierType,
      verificationType: VerificationMethod,
      isNewDevice: Type.Boolean(),
    }),
  });
