import {
  deleteIdentifierRow,
  insertIdentifier,
  listIdentifiersOfUsers,
} from '../../store/identifier.store.js';
import type { CoreDeps } from '../deps.js';
import { invalidField, LatchkeyError } from '../errors.js';
import { newId } from '../ids.js';
import { readMeIdentifier } from './create-me-identifier.js';
import { requireMeIdentifierId } from './delete-me-identifier.js';

/**
 * Changes the signed-in user's username (spec_v2.yaml: "only permitted for username;
 * identifierID will change"): the old row is replaced by a new one in one transaction. A
 * username taken by someone else is refused like an invalid one, without saying whose.
 * @throws VALIDATION_FAILED (identifierID, identifierType, value), IDENTIFIER_NOT_FOUND
 */
export async function updateMeIdentifier(
  deps: CoreDeps,
  user: { projectId: string; id: string },
  input: { identifierID: unknown; identifierType: unknown; value: unknown },
): Promise<void> {
  const id = requireMeIdentifierId(input.identifierID);
  const { type, value } = readMeIdentifier(input);
  if (type !== 'username') {
    throw invalidField(
      'identifierType',
      'only a username can be changed; add and verify a new one instead',
    );
  }
  const own = await listIdentifiersOfUsers(deps.db, user.projectId, [user.id]);
  const current = own.find((identifier) => identifier.id === id && identifier.type === 'username');
  if (!current) throw new LatchkeyError('IDENTIFIER_NOT_FOUND', `you have no username ${id}`);
  if (current.value === value) return;
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await deleteIdentifierRow(trx, { projectId: user.projectId, userId: user.id, id });
    const result = await insertIdentifier(trx, {
      ...current,
      id: newId('identifier', deps.random),
      value,
      createdAt: now,
      updatedAt: now,
    });
    if (result !== 'created')
      throw invalidField('value', 'cannot be used; choose another username');
  });
}
