import { listPasskeyEvents } from '../../../../core/events/list-passkey-events.js';
import type { RouteModule } from '../../../route-context.js';
import { ListQuery, listFilters, withErrors } from '../../../schemas/common.schema.js';
import { PasskeyEventList, toWirePasskeyEvent, UserIdParams } from './event.schema.js';

/** GET /v2/users/{userID}/passkeyEvents (PasskeyEventList): sort created|eventType, filter eventType. */
export const listPasskeyEventsRoute: RouteModule = (app, { deps }) => {
  app.get(
    '/users/:userID/passkeyEvents',
    {
      schema: {
        operationId: 'PasskeyEventList',
        tags: ['PasskeyEvents'],
        summary: 'List all passkey events for a user',
        params: UserIdParams,
        querystring: ListQuery,
        response: withErrors({ 200: PasskeyEventList }),
      },
    },
    async (request) => {
      const { page, pageSize, sort } = request.query;
      const result = await listPasskeyEvents(deps, request.projectId, request.params.userID, {
        page,
        pageSize,
        sort,
        filter: listFilters(request.query),
      });
      return {
        passkeyEvents: result.items.map(toWirePasskeyEvent),
        paging: { page: result.page, totalPages: result.totalPages, totalItems: result.totalItems },
      };
    },
  );
};
