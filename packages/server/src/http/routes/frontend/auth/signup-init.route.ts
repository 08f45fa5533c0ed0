import { Type } from 'typebox';
import type { RouteModule } from '../../../route-context.js';
import { registerProcessStep } from './process-step-route.js';

/** POST /v2/auth/signup/init (SignupInit): the identifiers (and name) of a new user. */
export const signupInitRoute: RouteModule = (app, context) =>
  registerProcessStep(app, context, {
    url: '/auth/signup/init',
    operationId: 'SignupInit',
    summary: 'Start a sign-up',
    action: 'signupInit',
    body: Type.Object({
      fullName: Type.Optional(Type.String({ maxLength: 256 })),
      identifiers: Type.Array(
        Type.Object({
          type: Type.Union([
            Type.Literal('email'),
            Type.Literal('phone'),
            Type.Literal('username'),
          ]),
          identifier: Type.String({ maxLength: 320 }),
        }),
        { maxItems: 3 },
      ),
    }),
  });
