import { Type } from 'typebox';
import { assertLoginMethodLeft } from '../../../../core/me/assert-login-method-left.js';
import { deleteCredential } from '../../../../core/passkeys/records/delete-credential.js';
import { requireSession } from '../../../frontend-session.js';
import type { RouteModule } from '../../../route-context.js';
import { withErrors } from '../../../schemas/common.schema.js';

/**
 * DELETE /v2/me/passkeys/{credentialID} (CurrentUserPasskeyDelete): removes one of the
 * signed-in user's passkeys (`cre-…`), unless it is the last way to sign in.
 */
export const deleteMePasskeyRoute: RouteModule = (app, context) => {
  app.delete(
    '/me/passkeys/:credentialID',
    {
      schema: {
        operationId: 'CurrentUserPasskeyDelete',
        tags: ['Frontend API'],
        summary: "Delete one of the signed-in user's passkeys",
        params: Type.Object({ credentialID: Type.String({ maxLength: 64 }) }),
        response: withErrors({ 200: Type.Object({ id: Type.String() }) }),
      },
    },
    async (request) => {
      const { user } = await requireSession(context, request);
      await deleteCredential(
        context.passkeys,
        user.projectId,
        user.id,
        request.params.credentialID,
        (trx) => assertLoginMethodLeft(trx, user.projectId, user.id),
      );
      return { id: request.params.credentialID };
    },
  );
};
