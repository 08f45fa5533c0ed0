import type { IdentifierRecord } from '../../store/identifier.store.js';
import { listIdentifiersOfUsers } from '../../store/identifier.store.js';
import {
  listSocialAccountsOfUsers,
  type SocialAccountRecord,
} from '../../store/social-account.store.js';
import type { UserRecord } from '../../store/user.store.js';
import type { CoreDeps } from '../deps.js';

/** The signed-in user with identifiers and social accounts (spec_v2.yaml `meRsp`). */
export interface Me {
  user: UserRecord;
  identifiers: IdentifierRecord[];
  socialAccounts: SocialAccountRecord[];
}

/** Reads what `GET /v2/me` shows of a user whose session was verified. */
export async function getMe(deps: Pick<CoreDeps, 'db'>, user: UserRecord): Promise<Me> {
  const [identifiers, socialAccounts] = await Promise.all([
    listIdentifiersOfUsers(deps.db, user.projectId, [user.id]),
    listSocialAccountsOfUsers(deps.db, user.projectId, [user.id]),
  ]);
  return { user, identifiers, socialAccounts };
}
