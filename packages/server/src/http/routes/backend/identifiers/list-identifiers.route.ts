import { listIdentifiers } from '../../../../core/identifiers/list-identifiers.js';
import type { RouteModule } from '../../../route-context.js';
import { ListQuery, listFilters, withErrors } from '../../../schemas/common.schema.js';
import { IdentifierList, toWireIdentifier } from './identifier.schema.js';

/** GET /v2/identifiers (IdentifierList): paging, `sort` and `filter[]` as in the spec. */
export const listIdentifiersRoute: RouteModule = (app, { deps }) => {
  app.get(
    '/identifiers',
    {
      schema: {
        operationId: 'IdentifierList',
        tags: ['Identifiers'],
        summary: 'List all login identifiers',
        querystring: ListQuery,
        response: withErrors({ 200: IdentifierList }),
      },
    },
    async (request) => {
      const { page, pageSize, sort } = request.query;
      const result = await listIdentifiers(deps, request.projectId, {
        page,
        pageSize,
        sort,
        filter: listFilters(request.query),
      });
      return {
        identifiers: result.items.map(toWireIdentifier),
        paging: { page: result.page, totalPages: result.totalPages, totalItems: result.totalItems },
      };
    },
  );
};
