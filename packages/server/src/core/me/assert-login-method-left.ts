import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import { countLoginMethods, lockUserRow } from '../../store/user.store.js';
import { LatchkeyError } from '../errors.js';

/**
 * Run inside the transaction that removed a passkey or identifier: refuses (and so undoes)
 * the removal when the user would have no way left to sign in. The user's row is locked
 * first, so two removals at once are counted one after the other and cannot both pass.
 * @throws LAST_LOGIN_METHOD
 */
export async function assertLoginMethodLeft(
  trx: Kysely<Database>,
  projectId: string,
  userId: string,
): Promise<void> {
  await lockUserRow(trx, projectId, userId);
  if ((await countLoginMethods(trx, projectId, userId)) === 0) {
    throw new LatchkeyError(
      'LAST_LOGIN_METHOD',
      'this is your last way to sign in: add a passkey or a verified email address or phone number first',
    );
  }
}
