import { Type } from 'typebox';
import type { RouteModule } from '../../../route-context.js';
import { registerProcessStep } from './process-step-route.js';

/** POST /v2/auth/login/init (LoginInit): the identifier of a user logging in. */
export const loginInitRoute: RouteModule = (app, context) =>
  registerProcessStep(app, context, {
    url: '/auth/login/init',
    operationId: 'LoginInit',
    summary: 'Start a login',
    action: 'loginInit',
    body: Type.Object({
      identifierValue: Type.String({ maxLength: 320 }),
      isPhone: Type.Boolean(),
    }),
  });
