import { Type } from 'typebox';
import {
  type SocialAccountRecord,
  socialProviderTypes,
} from '../../../../core/social-accounts/social-account-fields.js';
import { Paging, StringEnum } from '../../../schemas/common.schema.js';

/** common.yml `socialProviderType`. */
export const SocialProviderType = StringEnum(socialProviderTypes);

const socialAccountProperties = {
  socialAccountID: Type.String(),
  providerType: Type.String(),
  identifierValue: Type.String(),
  userID: Type.String(),
  foreignID: Type.String(),
  avatarURL: Type.String(),
  fullName: Type.String(),
};

/** backend_api.yml `socialAccount`, for use inside other schemas (no $id of its own). */
export const SocialAccountItem = Type.Object(socialAccountProperties);

/** backend_api.yml `socialAccount`. */
export const SocialAccount = Type.Object(socialAccountProperties, { $id: 'socialAccount' });

/** backend_api.yml `socialAccountList`. */
export const SocialAccountList = Type.Object(
  { socialAccounts: Type.Array(SocialAccountItem), paging: Paging },
  { $id: 'socialAccountList' },
);

/** The wire shape of a social account (`socialAccount`). */
export function toWireSocialAccount(account: SocialAccountRecord) {
  return {
    socialAccountID: account.id,
    providerType: account.providerType,
    identifierValue: account.identifierValue,
    userID: account.userId,
    foreignID: account.foreignId,
    avatarURL: account.avatarUrl,
    fullName: account.fullName,
  };
}
