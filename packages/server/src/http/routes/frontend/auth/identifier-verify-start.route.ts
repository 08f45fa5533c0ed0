import { Type } from 'typebox';
import type { RouteModule } from '../../../route-context.js';
import { LoginIdentifierType, VerificationMethod } from './process-response.js';
import { registerProcessStep } from './process-step-route.js';

/** POST /v2/auth/identifier/verify/start (IdentifierVerifyStart): sends a code or link (a fallback, or a resend). */
export const identifierVerifyStartRoute: RouteModule = (app, context) =>
  registerProcessStep(app, context, {
    url: '/auth/identifier/verify/start',
    operationId: 'IdentifierVerifyStart',
    summary: 'Send a verification code or link',
    action: 'identifierVerifyStart',
    body: Type.Object({
      identifierType: LoginIdentifierType,
      verificationType: VerificationMethod,
    }),
  });
