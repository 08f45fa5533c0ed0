import { listUsers } from '../../../../core/users/list-users.js';
import type { RouteModule } from '../../../route-context.js';
import { ListQuery, listFilters, withErrors } from '../../../schemas/common.schema.js';
import { toWireUserAggregate, UserList } from './user.schema.js';

/** GET /v2/users (UserList): paging, `sort` and `filter[]` as in the spec. */
export const listUsersRoute: RouteModule = (app, { deps }) => {
  app.get(
    '/users',
    {
      schema: {
        operationId: 'UserList',
        tags: ['Users'],
        summary: 'List users',
        querystring: ListQuery,
        response: withErrors({ 200: UserList }),
      },
    },
    async (request) => {
      const { page, pageSize, sort } = request.query;
      const result = await listUsers(deps, request.projectId, {
        page,
        pageSize,
        sort,
        filter: listFilters(request.query),
      });
      return {
        users: result.items.map((item) => toWireUserAggregate(item.user, item)),
        paging: { page: result.page, totalPages: result.totalPages, totalItems: result.totalItems },
      };
    },
  );
};
