import { Type } from 'typebox';
import { identifierTypes } from '../../../../core/identifiers/identifier-fields.js';
import type { RouteModule } from '../../../route-context.js';
import { StringEnum, withErrors } from '../../../schemas/common.schema.js';

/** spec_v2.yaml `userDetailsConfigRsp`. */
const UserDetailsConfigResponse = Type.Object({
  fullNameRequired: Type.Boolean(),
  identifiers: Type.Array(Type.Object({ type: StringEnum(identifierTypes) })),
});

/**
 * GET /v2/user-details-config (GetUserDetailsConfig): what the UserDetails component may
 * show and edit. Until sign-up settings exist (the process flows), every identifier type
 * Latchkey stores can be managed, and the full name is optional.
 */
export const userDetailsConfigRoute: RouteModule = (app) => {
  app.get(
    '/user-details-config',
    {
      schema: {
        operationId: 'GetUserDetailsConfig',
        tags: ['Frontend API'],
        summary: 'What the UserDetails component may show and edit',
        response: withErrors({ 200: UserDetailsConfigResponse }),
      },
    },
    async () => ({
      fullNameRequired: false,
      identifiers: identifierTypes.map((type) => ({ type })),
    }),
  );
};
