import { deleteIdentifier } from '../../../../core/identifiers/delete-identifier.js';
import { genericOkBody } from '../../../error-envelope.js';
import type { RouteModule } from '../../../route-context.js';
import { GenericResponse, withErrors } from '../../../schemas/common.schema.js';
import { IdentifierParams } from './identifier.schema.js';

/** DELETE /v2/users/{userID}/identifiers/{identifierID} (IdentifierDelete). */
export const deleteIdentifierRoute: RouteModule = (app, { deps }) => {
  app.delete(
    '/users/:userID/identifiers/:identifierID',
    {
      schema: {
        operationId: 'IdentifierDelete',
        tags: ['Identifiers'],
        summary: 'Delete a login identifier for a user',
        params: IdentifierParams,
        response: withErrors({ 200: GenericResponse }),
      },
    },
    async (request, reply) => {
      const { userID, identifierID } = request.params;
      await deleteIdentifier(deps, request.projectId, userID, identifierID);
      return genericOkBody(request, reply);
    },
  );
};
