import { Type } from 'typebox';
import { listUserSocialAccounts } from '../../../../core/social-accounts/list-user-social-accounts.js';
import type { RouteModule } from '../../../route-context.js';
import { ListQuery, listFilters, withErrors } from '../../../schemas/common.schema.js';
import { UserIdParams } from '../users/user.schema.js';
import { SocialAccountItem, toWireSocialAccount } from './social-account.schema.js';

/**
 * GET /v2/users/{userID}/socialAccounts (UserSocialAccountList). The spec answers a plain
 * array of `socialAccount` here (no paging object), though it takes the list parameters.
 */
export const listUserSocialAccountsRoute: RouteModule = (app, { deps }) => {
  app.get(
    '/users/:userID/socialAccounts',
    {
      schema: {
        operationId: 'UserSocialAccountList',
        tags: ['Users'],
        summary: 'List all social logins for a user',
        params: UserIdParams,
        querystring: ListQuery,
        response: withErrors({ 200: Type.Array(SocialAccountItem) }),
      },
    },
    async (request) => {
      const { page, pageSize, sort } = request.query;
      const accounts = await listUserSocialAccounts(
        deps,
        request.projectId,
        request.params.userID,
        { page, pageSize, sort, filter: listFilters(request.query) },
      );
      return accounts.map(toWireSocialAccount);
    },
  );
};
