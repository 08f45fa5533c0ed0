import { Type } from 'typebox';
import { createAuthEvent } from '../../../../core/events/create-auth-event.js';
import type { RouteModule } from '../../../route-context.js';
import { withErrors } from '../../../schemas/common.schema.js';
import {
  AuthEvent,
  AuthEventMethod,
  AuthEventStatus,
  AuthEventType,
  ClientInformation,
  toWireAuthEvent,
  UserIdParams,
} from './event.schema.js';

/** POST /v2/users/{userID}/authEvents (AuthEventCreate). */
export const createAuthEventRoute: RouteModule = (app, { deps }) => {
  app.post(
    '/users/:userID/authEvents',
    {
      schema: {
        operationId: 'AuthEventCreate',
        tags: ['AuthEvents'],
        summary: 'Create a new authentication event for a user',
        params: UserIdParams,
        body: Type.Object({
          username: Type.String(),
          eventType: AuthEventType,
          method: AuthEventMethod,
          status: AuthEventStatus,
          clientInformation: ClientInformation,
        }),
        response: withErrors({ 200: AuthEvent }),
      },
    },
    async (request) => {
      const event = await createAuthEvent(
        deps,
        request.projectId,
        request.params.userID,
        request.body,
      );
      return toWireAuthEvent(event);
    },
  );
};
