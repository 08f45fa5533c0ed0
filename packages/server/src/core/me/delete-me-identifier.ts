import { deleteIdentifierRow } from '../../store/identifier.store.js';
import type { CoreDeps } from '../deps.js';
import { invalidField, LatchkeyError } from '../errors.js';
import { parseId } from '../ids.js';
import { assertLoginMethodLeft } from './assert-login-method-left.js';

/** Reads `identifierID` from a `/v2/me/identifier*` body. */
export function requireMeIdentifierId(value: unknown): string {
  const id = typeof value === 'string' ? parseId('identifier', value) : undefined;
  if (!id)
    throw invalidField('identifierID', 'must be an identifier ID like ide-4693224802260150919');
  return id;
}

/**
 * Removes one of the signed-in user's identifiers, unless it is the last way to sign in.
 * @throws VALIDATION_FAILED, IDENTIFIER_NOT_FOUND, LAST_LOGIN_METHOD
 */
export async function deleteMeIdentifier(
  deps: Pick<CoreDeps, 'db'>,
  user: { projectId: string; id: string },
  identifierId: unknown,
): Promise<void> {
  const id = requireMeIdentifierId(identifierId);
  await deps.db.transaction().execute(async (trx) => {
    const deleted = await deleteIdentifierRow(trx, {
      projectId: user.projectId,
      userId: user.id,
      id,
    });
    if (!deleted) throw new LatchkeyError('IDENTIFIER_NOT_FOUND', `you have no identifier ${id}`);
    await assertLoginMethodLeft(trx, user.projectId, user.id);
  });
}
