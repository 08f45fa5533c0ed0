import { listCredentials } from '../../../../core/passkeys/records/list-credentials.js';
import { requireSession } from '../../../frontend-session.js';
import type { RouteModule } from '../../../route-context.js';
import { withErrors } from '../../../schemas/common.schema.js';
import { toWireCredential } from '../../backend/credentials/credential.schema.js';
import { MePasskeysResponse } from '../frontend.schema.js';

/** GET /v2/me/passkeys (CurrentUserPasskeyGet): the signed-in user's passkeys, oldest first. */
export const listMePasskeysRoute: RouteModule = (app, context) => {
  app.get(
    '/me/passkeys',
    {
      schema: {
        operationId: 'CurrentUserPasskeyGet',
        tags: ['Frontend API'],
        summary: "List the signed-in user's passkeys",
        response: withErrors({ 200: MePasskeysResponse }),
      },
    },
    async (request) => {
      const { user } = await requireSession(context, request);
      // A user has a handful of passkeys: one page of the largest size holds them all.
      const page = await listCredentials(context.passkeys, user.projectId, user.id, {
        pageSize: 100,
        sort: 'created:asc',
      });
      return {
        passkeys: page.items.map(toWireCredential),
        paging: { page: page.page, totalPages: page.totalPages, totalItems: page.totalItems },
      };
    },
  );
};
