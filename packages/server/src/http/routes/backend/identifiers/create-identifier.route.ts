import { Type } from 'typebox';
import { createIdentifier } from '../../../../core/identifiers/create-identifier.js';
import type { RouteModule } from '../../../route-context.js';
import { withErrors } from '../../../schemas/common.schema.js';
import { UserIdParams } from '../users/user.schema.js';
import {
  Identifier,
  IdentifierStatus,
  IdentifierType,
  toWireIdentifier,
} from './identifier.schema.js';

/** POST /v2/users/{userID}/identifiers (IdentifierCreate). */
export const createIdentifierRoute: RouteModule = (app, { deps }) => {
  app.post(
    '/users/:userID/identifiers',
    {
      schema: {
        operationId: 'IdentifierCreate',
        tags: ['Identifiers'],
        summary: 'Create a login identifier for a user',
        params: UserIdParams,
        body: Type.Object({
          identifierType: IdentifierType,
          identifierValue: Type.String({
            maxLength: 320,
            description:
              'Email address, phone number in international format (+4915112345678) or username',
          }),
          status: IdentifierStatus,
        }),
        response: withErrors({ 200: Identifier }),
      },
    },
    async (request) => {
      const identifier = await createIdentifier(
        deps,
        request.projectId,
        request.params.userID,
        request.body,
      );
      return toWireIdentifier(identifier);
    },
  );
};
