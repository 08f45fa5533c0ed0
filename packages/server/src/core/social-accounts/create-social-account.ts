import { insertSocialAccount, type SocialAccountRecord } from '../../store/social-account.store.js';
import type { CoreDeps } from '../deps.js';
import { LatchkeyError } from '../errors.js';
import { normaliseEmail } from '../identifiers/identifier-values.js';
import { newId } from '../ids.js';
import { requireUserId } from '../users/get-user.js';
import {
  validateAvatarUrl,
  validateForeignId,
  validateProviderType,
  validateSocialFullName,
} from './social-account-fields.js';

export interface CreateSocialAccountInput {
  providerType: string;
  identifierValue: string;
  foreignID: string;
  avatarURL: string;
  fullName: string;
}

/**
 * Links a social login (Google, Microsoft, GitHub account) to a user. One provider account
 * belongs to at most one user of a project: (provider, foreignID) is unique, decided by the
 * database's unique index.
 * @throws VALIDATION_FAILED, USER_NOT_FOUND, DUPLICATE_VALUE (naming `foreignID`).
 */
export async function createSocialAccount(
  deps: CoreDeps,
  projectId: string,
  userId: string,
  input: CreateSocialAccountInput,
): Promise<SocialAccountRecord> {
  const user = requireUserId(userId);
  const account: SocialAccountRecord = {
    id: newId('socialAccount', deps.random),
    projectId,
    userId: user,
    providerType: validateProviderType(input.providerType),
    identifierValue: normaliseEmail('identifierValue', input.identifierValue),
    foreignId: validateForeignId(input.foreignID),
    avatarUrl: validateAvatarUrl(input.avatarURL),
    fullName: validateSocialFullName(input.fullName),
    createdAt: deps.clock.now(),
  };
  const result = await insertSocialAccount(deps.db, account);
  if (result === 'user-missing') throw new LatchkeyError('USER_NOT_FOUND', `no user ${user}`);
  if (result === 'duplicate') {
    const message = `the ${account.providerType} account ${account.foreignId} is already linked in this project`;
    throw new LatchkeyError('DUPLICATE_VALUE', `foreignID: ${message}`, {
      validation: [{ field: 'foreignID', message }],
    });
  }
  return account;
}
