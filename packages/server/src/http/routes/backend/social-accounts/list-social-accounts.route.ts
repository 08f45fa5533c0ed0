import { listSocialAccounts } from '../../../../core/social-accounts/list-social-accounts.js';
import type { RouteModule } from '../../../route-context.js';
import { ListQuery, listFilters, withErrors } from '../../../schemas/common.schema.js';
import { SocialAccountList, toWireSocialAccount } from './social-account.schema.js';

/** GET /v2/socialAccounts (SocialAccountList): paging, `sort` and `filter[]` as in the spec. */
export const listSocialAccountsRoute: RouteModule = (app, { deps }) => {
  app.get(
    '/socialAccounts',
    {
      schema: {
        operationId: 'SocialAccountList',
        tags: ['Users'],
        summary: 'List all social logins',
        querystring: ListQuery,
        response: withErrors({ 200: SocialAccountList }),
      },
    },
    async (request) => {
      const { page, pageSize, sort } = request.query;
      const result = await listSocialAccounts(deps, request.projectId, {
        page,
        pageSize,
        sort,
        filter: listFilters(request.query),
      });
      return {
        socialAccounts: result.items.map(toWireSocialAccount),
        paging: { page: result.page, totalPages: result.totalPages, totalItems: result.totalItems },
      };
    },
  );
};
