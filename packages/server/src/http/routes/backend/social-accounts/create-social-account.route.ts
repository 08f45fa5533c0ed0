import { Type } from 'typebox';
import { createSocialAccount } from '../../../../core/social-accounts/create-social-account.js';
import type { RouteModule } from '../../../route-context.js';
import { withErrors } from '../../../schemas/common.schema.js';
import { UserIdParams } from '../users/user.schema.js';
import { SocialAccount, SocialProviderType, toWireSocialAccount } from './social-account.schema.js';

/** POST /v2/users/{userID}/socialAccounts (SocialAccountCreate). */
export const createSocialAccountRoute: RouteModule = (app, { deps }) => {
  app.post(
    '/users/:userID/socialAccounts',
    {
      schema: {
        operationId: 'SocialAccountCreate',
        tags: ['Users'],
        summary: 'Create a social login for a user',
        params: UserIdParams,
        body: Type.Object({
          providerType: SocialProviderType,
          identifierValue: Type.String({
            maxLength: 320,
            description: "The user's email address at the provider",
          }),
          foreignID: Type.String({ maxLength: 256 }),
          avatarURL: Type.String({ maxLength: 2048, description: 'https URL, or empty' }),
          fullName: Type.String({ maxLength: 256 }),
        }),
        response: withErrors({ 200: SocialAccount }),
      },
    },
    async (request) => {
      const account = await createSocialAccount(
        deps,
        request.projectId,
        request.params.userID,
        request.body,
      );
      return toWireSocialAccount(account);
    },
  );
};
