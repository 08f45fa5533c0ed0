import { Type } from 'typebox';
import { recordProcessEvent } from '../../../../core/process/record-process-event.js';
import type { RouteModule } from '../../../route-context.js';
import { StringEnum } from '../../../schemas/common.schema.js';
import { processDepsOf, processTokenOf } from './process-response.js';

/** spec_v2.yaml `passkeyEventType`. */
const PasskeyEventType = StringEnum([
  'login-explicit-abort',
  'login-error',
  'login-error-untyped',
  'login-one-tap-switch',
  'user-append-after-cross-platform-blacklisted',
  'user-append-after-login-error-blacklisted',
  'append-credential-exists',
  'append-explicit-abort',
  'append-error',
] as const);

/** POST /v2/auth/events (EventCreate): a passkey event of the process's user; 204. */
export const createEventRoute: RouteModule = (app, context) => {
  app.post(
    '/auth/events',
    {
      schema: {
        operationId: 'EventCreate',
        tags: ['Frontend API'],
        summary: 'Record a passkey event the client saw',
        body: Type.Object({
          eventType: PasskeyEventType,
          challenge: Type.Optional(Type.String({ maxLength: 256 })),
        }),
      },
    },
    async (request, reply) => {
      await recordProcessEvent(
        processDepsOf(context),
        request.frontendProject,
        processTokenOf(request),
        request.body,
      );
      return reply.code(204).send();
    },
  );
};
