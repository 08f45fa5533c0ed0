import { getMe } from '../../../../core/me/get-me.js';
import { requireSession } from '../../../frontend-session.js';
import type { RouteModule } from '../../../route-context.js';
import { withErrors } from '../../../schemas/common.schema.js';
import { MeResponse, toWireMe } from '../frontend.schema.js';

/** GET /v2/me (CurrentUserGet): the signed-in user with identifiers and social accounts. */
export const getMeRoute: RouteModule = (app, context) => {
  app.get(
    '/me',
    {
      schema: {
        operationId: 'CurrentUserGet',
        tags: ['Frontend API'],
        summary: 'Get the signed-in user',
        response: withErrors({ 200: MeResponse }),
      },
    },
    async (request) => {
      const { user } = await requireSession(context, request);
      return toWireMe(await getMe(context.deps, user));
    },
  );
};
