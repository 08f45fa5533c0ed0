import { deleteConnectTokenRow } from '../../store/connect-token.store.js';
import type { CoreDeps } from '../deps.js';
import { LatchkeyError } from '../errors.js';
import { requireConnectTokenId } from './get-connect-token-id.js';

/**
 * Deletes a connect token, whatever its status.
 * @throws VALIDATION_FAILED, CONNECT_TOKEN_NOT_FOUND
 */
export async function deleteConnectToken(
  deps: Pick<CoreDeps, 'db'>,
  projectId: string,
  connectTokenId: string,
): Promise<void> {
  const id = requireConnectTokenId(connectTokenId);
  const deleted = await deleteConnectTokenRow(deps.db, projectId, id);
  if (!deleted) throw new LatchkeyError('CONNECT_TOKEN_NOT_FOUND', `no connect token ${id}`);
}
