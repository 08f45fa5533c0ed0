import { listCredentials } from '../../../../core/passkeys/records/list-credentials.js';
import type { RouteModule } from '../../../route-context.js';
import { ListQuery, listFilters, withErrors } from '../../../schemas/common.schema.js';
import { UserIdParams } from '../events/event.schema.js';
import { CredentialList, toWireCredential } from './credential.schema.js';

/**
 * GET /v2/users/{userID}/credentials (CredentialList): sort and filter userID, created,
 * status, backupState, browserName, osName.
 */
export const listCredentialsRoute: RouteModule = (app, { passkeys }) => {
  app.get(
    '/users/:userID/credentials',
    {
      schema: {
        operationId: 'CredentialList',
        tags: ['Users'],
        summary: 'List passkeys for a user',
        params: UserIdParams,
        querystring: ListQuery,
        response: withErrors({ 200: CredentialList }),
      },
    },
    async (request) => {
      const { page, pageSize, sort } = request.query;
      const result = await listCredentials(passkeys, request.projectId, request.params.userID, {
        page,
        pageSize,
        sort,
        filter: listFilters(request.query),
      });
      return {
        credentials: result.items.map(toWireCredential),
        paging: { page: result.page, totalPages: result.totalPages, totalItems: result.totalItems },
      };
    },
  );
};
