import { listSessions } from '../../../../core/sessions/list-sessions.js';
import type { RouteModule } from '../../../route-context.js';
import { ListQuery, listFilters, withErrors } from '../../../schemas/common.schema.js';
import { SessionList, toWireSession } from './session.schema.js';

/**
 * GET /v2/sessions (SessionList): sort and filter on ID, userID, expires, lastAction,
 * created, updated and status.
 */
export const listSessionsRoute: RouteModule = (app, { deps }) => {
  app.get(
    '/sessions',
    {
      schema: {
        operationId: 'SessionList',
        tags: ['Sessions'],
        summary: 'List all sessions',
        querystring: ListQuery,
        response: withErrors({ 200: SessionList }),
      },
    },
    async (request) => {
      const { page, pageSize, sort } = request.query;
      const result = await listSessions(deps, request.projectId, {
        page,
        pageSize,
        sort,
        filter: listFilters(request.query),
      });
      const now = deps.clock.now();
      return {
        sessions: result.items.map((session) => toWireSession(session, now)),
        paging: { page: result.page, totalPages: result.totalPages, totalItems: result.totalItems },
      };
    },
  );
};
