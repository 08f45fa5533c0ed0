import { Type } from 'typebox';
import {
  connectEventTypes,
  recordConnectEvent,
} from '../../../../core/connect/record-connect-event.js';
import type { RouteModule } from '../../../route-context.js';
import { connectDepsOf, processTokenOf } from './connect.schema.js';

/** POST /v2/connect/events (ConnectEventCreate): records what the UI saw; 204. */
export const connectEventsRoute: RouteModule = (app, context) => {
  app.post(
    '/connect/events',
    {
      schema: {
        operationId: 'ConnectEventCreate',
        tags: ['Frontend API'],
        summary: 'Record a Connect event',
        body: Type.Object({
          eventType: Type.Union(connectEventTypes.map((type) => Type.Literal(type))),
          challenge: Type.Optional(Type.String()),
        }),
      },
    },
    async (request, reply) => {
      await recordConnectEvent(connectDepsOf(context), request.frontendProject, {
        processToken: processTokenOf(request),
        eventType: request.body.eventType,
        challenge: request.body.challenge,
      });
      return reply.code(204).send();
    },
  );
};
