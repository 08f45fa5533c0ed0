import { Type } from 'typebox';
import type { RouteModule } from '../../../route-context.js';
import { LoginIdentifierType } from './process-response.js';
import { registerProcessStep } from './process-step-route.js';

/**
 * POST /v2/auth/identifier/update (IdentifierUpdate): changes the identifier a code is waiting
 * for (a mistyped email address), and sends a new code to the new value.
 */
export const identifierUpdateRoute: RouteModule = (app, context) =>
  registerProcessStep(app, context, {
    url: '/auth/identifier/update',
    operationId: 'IdentifierUpdate',
    summary: 'Change the identifier being verified',
    action: 'identifierUpdate',
    body: Type.Object({
      identifierType: LoginIdentifierType,
      value: Type.String({ maxLength: 320 }),
    }),
  });
