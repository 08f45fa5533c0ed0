import { deleteCredential } from '../../../../core/passkeys/records/delete-credential.js';
import { genericOkBody } from '../../../error-envelope.js';
import type { RouteModule } from '../../../route-context.js';
import { GenericResponse, withErrors } from '../../../schemas/common.schema.js';
import { CredentialParams } from './credential.schema.js';

/** DELETE /v2/users/{userID}/credentials/{credentialID} (CredentialDelete). */
export const deleteCredentialRoute: RouteModule = (app, { passkeys }) => {
  app.delete(
    '/users/:userID/credentials/:credentialID',
    {
      schema: {
        operationId: 'CredentialDelete',
        tags: ['Users'],
        summary: 'Delete a passkey for a user',
        params: CredentialParams,
        response: withErrors({ 200: GenericResponse }),
      },
    },
    async (request, reply) => {
      const { userID, credentialID } = request.params;
      await deleteCredential(passkeys, request.projectId, userID, credentialID);
      return genericOkBody(request, reply);
    },
  );
};
