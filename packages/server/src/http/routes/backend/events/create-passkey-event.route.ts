import { Type } from 'typebox';
import { createPasskeyEvent } from '../../../../core/events/create-passkey-event.js';
import type { RouteModule } from '../../../route-context.js';
import { withErrors } from '../../../schemas/common.schema.js';
import {
  PasskeyEvent,
  PasskeyEventType,
  toWirePasskeyEvent,
  UserIdParams,
} from './event.schema.js';

/** POST /v2/users/{userID}/passkeyEvents (PasskeyEventCreate). */
export const createPasskeyEventRoute: RouteModule = (app, { deps }) => {
  app.post(
    '/users/:userID/passkeyEvents',
    {
      schema: {
        operationId: 'PasskeyEventCreate',
        tags: ['PasskeyEvents'],
        summary: 'Create a passkey event for a user',
        params: UserIdParams,
        body: Type.Object({
          eventType: PasskeyEventType,
          expires: Type.Optional(Type.Integer({ description: 'Unix seconds' })),
          processID: Type.Optional(Type.String()),
          clientEnvID: Type.Optional(Type.String()),
          credentialID: Type.Optional(Type.String()),
          challenge: Type.Optional(Type.String()),
        }),
        response: withErrors({ 200: PasskeyEvent }),
      },
    },
    async (request) => {
      const event = await createPasskeyEvent(
        deps,
        request.projectId,
        request.params.userID,
        request.body,
      );
      return toWirePasskeyEvent(event);
    },
  );
};
