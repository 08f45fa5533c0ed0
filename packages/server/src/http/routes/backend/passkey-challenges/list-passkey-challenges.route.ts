import { listPasskeyChallenges } from '../../../../core/passkeys/records/list-passkey-challenges.js';
import type { RouteModule } from '../../../route-context.js';
import { ListQuery, listFilters, withErrors } from '../../../schemas/common.schema.js';
import { UserIdParams } from '../events/event.schema.js';
import { PasskeyChallengeList, toWirePasskeyChallenge } from './passkey-challenge.schema.js';

/**
 * GET /v2/users/{userID}/passkeyChallenges (PasskeyChallengeList): sort and filter userID,
 * projectID, status, type.
 */
export const listPasskeyChallengesRoute: RouteModule = (app, { deps }) => {
  app.get(
    '/users/:userID/passkeyChallenges',
    {
      schema: {
        operationId: 'PasskeyChallengeList',
        tags: ['PasskeyChallenges'],
        summary: 'List all passkey challenges for a user',
        params: UserIdParams,
        querystring: ListQuery,
        response: withErrors({ 200: PasskeyChallengeList }),
      },
    },
    async (request) => {
      const { page, pageSize, sort } = request.query;
      const result = await listPasskeyChallenges(deps, request.projectId, request.params.userID, {
        page,
        pageSize,
        sort,
        filter: listFilters(request.query),
      });
      return {
        passkeyChallenges: result.items.map(toWirePasskeyChallenge),
        paging: { page: result.page, totalPages: result.totalPages, totalItems: result.totalItems },
      };
    },
  );
};
