import { deletePasskeyEvent } from '../../../../core/events/delete-passkey-event.js';
import { genericOkBody } from '../../../error-envelope.js';
import type { RouteModule } from '../../../route-context.js';
import { GenericResponse, withErrors } from '../../../schemas/common.schema.js';
import { PasskeyEventIdParams } from './event.schema.js';

/** DELETE /v2/users/{userID}/passkeyEvents/{passkeyEventID} (PasskeyEventDelete). */
export const deletePasskeyEventRoute: RouteModule = (app, { deps }) => {
  app.delete(
    '/users/:userID/passkeyEvents/:passkeyEventID',
    {
      schema: {
        operationId: 'PasskeyEventDelete',
        tags: ['PasskeyEvents'],
        summary: 'Delete a passkey event for a user',
        params: PasskeyEventIdParams,
        response: withErrors({ 200: GenericResponse }),
      },
    },
    async (request, reply) => {
      const { userID, passkeyEventID } = request.params;
      await deletePasskeyEvent(deps, request.projectId, userID, passkeyEventID);
      return genericOkBody(request, reply);
    },
  );
};
