import { Type } from 'typebox';
import { updateIdentifier } from '../../../../core/identifiers/update-identifier.js';
import type { RouteModule } from '../../../route-context.js';
import { withErrors } from '../../../schemas/common.schema.js';
import {
  Identifier,
  IdentifierParams,
  IdentifierStatus,
  toWireIdentifier,
} from './identifier.schema.js';

/** PATCH /v2/users/{userID}/identifiers/{identifierID} (IdentifierUpdate). */
export const updateIdentifierRoute: RouteModule = (app, { deps }) => {
  app.patch(
    '/users/:userID/identifiers/:identifierID',
    {
      schema: {
        operationId: 'IdentifierUpdate',
        tags: ['Identifiers'],
        summary: 'Update a login identifier for a user',
        params: IdentifierParams,
        body: Type.Object({ status: IdentifierStatus }),
        response: withErrors({ 200: Identifier }),
      },
    },
    async (request) => {
      const { userID, identifierID } = request.params;
      const identifier = await updateIdentifier(
        deps,
        request.projectId,
        userID,
        identifierID,
        request.body,
      );
      return toWireIdentifier(identifier);
    },
  );
};
