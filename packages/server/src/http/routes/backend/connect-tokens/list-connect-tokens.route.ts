import { listConnectTokens } from '../../../../core/connect-tokens/list-connect-tokens.js';
import type { RouteModule } from '../../../route-context.js';
import { ListQuery, listFilters, withErrors } from '../../../schemas/common.schema.js';
import { ConnectTokenList, toWireConnectToken } from './connect-token.schema.js';

/** GET /v2/connectTokens (ConnectTokenList): sort and filter on token, tokenType, status, expires. */
export const listConnectTokensRoute: RouteModule = (app, { deps }) => {
  app.get(
    '/connectTokens',
    {
      schema: {
        operationId: 'ConnectTokenList',
        tags: ['ConnectTokens'],
        summary: 'List all ConnectTokens',
        querystring: ListQuery,
        response: withErrors({ 200: ConnectTokenList }),
      },
    },
    async (request) => {
      const { page, pageSize, sort } = request.query;
      const result = await listConnectTokens(deps, request.projectId, {
        page,
        pageSize,
        sort,
        filter: listFilters(request.query),
      });
      return {
        connectTokens: result.items.map(toWireConnectToken),
        paging: { page: result.page, totalPages: result.totalPages, totalItems: result.totalItems },
      };
    },
  );
};
